import { EMOTIONS, EMOTION_EMOJI, type EmotionProbabilities } from '../models/mood/emotions';

export function EmotionBars({ probabilities }: { probabilities: EmotionProbabilities }) {
  return (
    <ul class="bars" aria-label="Expression probabilities">
      {EMOTIONS.map((e) => {
        const pct = Math.round(probabilities[e] * 100);
        return (
          <li key={e} class="bar" data-emotion={e}>
            <span class="bar-label">
              {EMOTION_EMOJI[e]} {e}
            </span>
            <span
              class="bar-track"
              role="meter"
              aria-label={e}
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
