import { problemText, type ProblemCode } from '../models/problems';
import { t } from './i18n';
import { Notice } from './Notice';

/** A problem's plain message, with an optional way forward. */
export function ProblemNotice({ code, action }: { code: ProblemCode; action?: { label: string; run: () => void } }) {
  const text = problemText(code);
  return (
    <Notice code={code} title={t(text.title)} action={action}>
      {t(text.body)}
    </Notice>
  );
}
