import { t } from './i18n';
import { WaitButton } from './WaitButton';

/**
 * What was just done, said once, with Undo beside it (a pick's feedback, a title leaving the watchlist). The button
 * is `testId`, the bar `${testId}-bar`.
 */
export function UndoBar({
  said,
  onUndo,
  busy,
  testId,
}: {
  said: string;
  onUndo: () => void;
  busy: boolean;
  testId: string;
}) {
  return (
    <p class="undo-bar leads-to" role="status" data-testid={`${testId}-bar`}>
      <span>{said}</span>{' '}
      <WaitButton onClick={onUndo} waiting={busy} data-testid={testId}>
        {t('undo')}
      </WaitButton>
    </p>
  );
}
