import { problemText, type ProblemCode } from '../models/problems';
import { t } from './i18n';
import { Notice } from './Notice';

/** A problem's plain message (its figures filled in), with an optional way forward. */
export function ProblemNotice({
  code,
  subs = [],
  action,
}: {
  code: ProblemCode;
  subs?: readonly (string | number)[];
  action?: { label: string; run: () => void } | undefined;
}) {
  const text = problemText(code);
  return (
    <Notice code={code} title={t(text.title)} action={action}>
      {t(text.body, ...subs)}
    </Notice>
  );
}
