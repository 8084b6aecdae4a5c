import { EMOTIONS, EMOTION_EMOJI, type EmotionProbabilities } from '../models/mood/emotions';
import { t } from './i18n';

export function EmotionBars({ probabilities }: { probabilities: EmotionProbabilities }) {
  return (
    <ul class="bars" aria-label={t('barsLabel')}>
      {EMOTIONS.map((e) => {
        const pct = Math.round(probabilities[e] * 100);
        return (
          <li key={e} class="bar" data-emotion={e}>
            <span class="bar-label">
              {EMOTION_EMOJI[e]} {t(`emotion_${e}`)}
            </span>
            <span
              class="bar-track"
              role="meter"
              aria-label={t(`emotion_${e}`)}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
            >
              <span class="bar-fill" style={{ width: `${pct}%` }} />
            </span>
            <span class="bar-value">{pct}%</span>
          </li>
        );
      })}
    </ul>
  );
}
