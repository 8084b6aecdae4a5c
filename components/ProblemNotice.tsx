import { problemText, type ProblemCode } from '../models/problems';
import { t, type MessageKey } from './i18n';
import { Notice } from './Notice';

/** A problem's plain message (its figures filled in), with an optional way forward. */
export function ProblemNotice({
  code,
  subs = [],
  body,
  action,
}: {
  code: ProblemCode;
  subs?: readonly (string | number)[];
  /** A body in place of the problem's own, where this browser's way forward differs. */
  body?: MessageKey | undefined;
  action?: { label: string; run: () => void } | undefined;
}) {
  const text = problemText(code);
  return (
    <Notice code={code} title={t(text.title)} action={action}>
      {t(body ?? text.body, ...subs)}
    </Notice>
  );
}
