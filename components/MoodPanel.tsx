import type { AnalysisResult } from '../models/protocol';
import { EMOTION_EMOJI, type Emotion } from '../models/mood/emotions';
import type { Mood } from '../models/mood/mood';
import { sureness } from '../models/mood/sureness';
import { EmotionBars } from './EmotionBars';
import { formatPercent, t } from './i18n';
import { faceCountText } from './faceCount';
import { Snapshot, type Picture } from './Snapshot';
import { MoodCorrection } from './MoodCorrection';

type Found = Extract<Mood, { kind: 'mood' }>;

/** Splits a message around its one `$1` so the word can sit in its own element, in the locale's word order. */
function around(key: 'moodHardToTell' | 'moodHardToTellNeutral', word: string) {
  const [before = '', after = ''] = t(key, '\u0000').split('\u0000');
  return (
    <>
      {before}
      <span class="mood-word" data-testid="mood-word">
        {word}
      </span>
      {after}
    </>
  );
}

/**
 * The mood in one line (emoji, word, how sure in words) with the correction beside it; the snapshot, the bars and
 * the technical figures behind "Details", so the picks start within the first screen. A read too unsure to claim a
 * mood says so and asks first.
 */
export function MoodPanel({
  mood,
  analysis,
  image,
  corrected,
  onCorrect,
}: {
  mood: Found;
  analysis: AnalysisResult;
  image: Picture;
  corrected: Emotion | null;
  onCorrect: (emotion: Emotion) => void;
}) {
  const level = corrected ? 'sure' : sureness(mood.chance);
  const word = t(`emotion_${mood.dominant}`);
  const correction = <MoodCorrection askFirst={level === 'hard'} corrected={corrected} onCorrect={onCorrect} />;
  return (
    <section class="mood" aria-live="polite" data-testid="mood" data-sureness={level}>
      <p class="mood-head">
        <span class="mood-emoji" aria-hidden="true">
          {level === 'hard' ? '🤔' : EMOTION_EMOJI[mood.dominant]}
        </span>
        {level === 'hard' ? (
          <span class="mood-lead">
            {/* Leaning to no emotion, it is not "a little" of one. */}
            {around(mood.dominant === 'neutral' ? 'moodHardToTellNeutral' : 'moodHardToTell', word)}
          </span>
        ) : (
          <>
            <span class="mood-word" data-testid="mood-word">
              {word}
            </span>
            <span class="mood-confidence" data-testid="mood-sureness">
              {t(`sureness_${level}`)}
            </span>
          </>
        )}
      </p>
      {correction}
      <details class="mood-details" data-testid="mood-details">
        <summary>{t('moodDetails')}</summary>
        <Snapshot
          picture={image}
          width={analysis.image.width}
          height={analysis.image.height}
          boxes={analysis.faces.map((f) => f.box)}
        />
        <EmotionBars probabilities={mood.probabilities} />
        <p class="mood-meta">
          <span data-testid="face-count">{faceCountText(mood)}</span>
          {' · '}
          {t('moodFigure', formatPercent(mood.chance))}
          {' · '}
          <span data-testid="backend">{analysis.backend}</span>
          {' · '}
          {Math.round(analysis.inferenceMs)} ms
        </p>
      </details>
    </section>
  );
}
