/** "Not right?" and the seven moods: the user says what the mood really is, and the picks follow. */
import { EMOTIONS, type Emotion } from '../models/mood/emotions';
import { t } from './i18n';

export function MoodCorrection({
  askFirst,
  corrected,
  onCorrect,
}: {
  /** The reading was too unsure to claim a mood: the question comes first ("How do you feel?"). */
  askFirst: boolean;
  corrected: Emotion | null;
  onCorrect: (emotion: Emotion) => void;
}) {
  return (
    <label class={askFirst ? 'correct correct-first' : 'correct'}>
      {askFirst ? t('howDoYouFeel') : t('notRight')}{' '}
      <select
        value={corrected ?? ''}
        data-testid="correct-mood"
        onChange={(e) => {
          const v = e.currentTarget.value as Emotion;
          if ((EMOTIONS as readonly string[]).includes(v)) onCorrect(v);
        }}
      >
        <option value="">{t('asRead')}</option>
        {EMOTIONS.map((e) => (
          <option key={e} value={e}>
            {t(`emotion_${e}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
