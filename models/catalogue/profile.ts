import { GENRE_TONES, KEYWORD_TONES, TONE_AFFECT } from './lexicon';
import { TONES, zeroTones, type MoodProfile, type Tone, type ToneScores } from './tones';

type Weights = Partial<Record<Tone, number>>;

const KEYWORD_RULES = new Map<string, Weights>(KEYWORD_TONES.map(([term, w]) => [term, w]));
const MAX_TERM_WORDS = Math.max(...KEYWORD_TONES.map(([term]) => term.split(' ').length));

/** Lowercase words of a keyword; a trailing plural "s" is also tried so "ghosts" meets the rule for "ghost". */
function words(keyword: string): string[] {
  return keyword.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The lexicon rules a keyword triggers: every run of its words that is a rule's term (each rule once). */
export function keywordRules(keyword: string): Weights[] {
  const w = words(keyword);
  const found = new Map<string, Weights>();
  for (let n = Math.min(MAX_TERM_WORDS, w.length); n >= 1; n--) {
    for (let i = 0; i + n <= w.length; i++) {
      const term = w.slice(i, i + n).join(' ');
      for (const candidate of [term, term.endsWith('s') ? term.slice(0, -1) : null]) {
        const rule = candidate && KEYWORD_RULES.get(candidate);
        if (rule && candidate) found.set(candidate, rule);
      }
    }
  }
  return [...found.values()];
}

export interface ProfileInput {
  genres: readonly string[];
  keywords: readonly string[];
}

export interface ProfileOptions {
  /** False gives the genres-only profile (the baseline `films:eval-tones` compares against). */
  useKeywords: boolean;
}

/** Evidence per tone from the lexicon, before squashing. */
export function toneEvidence(input: ProfileInput, options: ProfileOptions = { useKeywords: true }): ToneScores {
  const raw = zeroTones();
  const add = (w: Weights) => {
    for (const [tone, v] of Object.entries(w) as [Tone, number][]) raw[tone] += v;
  };
  for (const g of new Set(input.genres)) {
    const w = GENRE_TONES[g];
    if (w) add(w);
  }
  if (options.useKeywords) for (const k of new Set(input.keywords)) for (const w of keywordRules(k)) add(w);
  return raw;
}

/** Prior weight of "no tone" in the circumplex average: a movie with little evidence stays near the centre. */
const AFFECT_PRIOR = 0.5;

/**
 * The mood profile of a movie: each tone's evidence squashed to 0..1 by 1 − e^(−evidence) (a second clue adds
 * less than the first), and valence/arousal as the strength-weighted mean of the tones' circumplex positions.
 */
export function profileOf(input: ProfileInput, options: ProfileOptions = { useKeywords: true }): MoodProfile {
  const raw = toneEvidence(input, options);
  const tones = zeroTones();
  for (const t of TONES) tones[t] = 1 - Math.exp(-raw[t]);
  return withAffect(tones);
}

/** A profile from tone strengths: valence/arousal as the strength-weighted mean of the tones' circumplex positions. */
export function withAffect(tones: ToneScores): MoodProfile {
  let total = AFFECT_PRIOR;
  let valence = 0;
  let arousal = 0;
  for (const t of TONES) {
    total += tones[t];
    valence += tones[t] * TONE_AFFECT[t].valence;
    arousal += tones[t] * TONE_AFFECT[t].arousal;
  }
  return { tones, valence: valence / total, arousal: arousal / total };
}

/**
 * The similarity-weighted mean tones of a title's nearest neighbours in rating space (people who watch one watch the
 * other): what its audience's other films feel like, a witness its own sparse keywords may miss. Null without any.
 */
export function neighbourMean(neighbours: readonly { tones: ToneScores; similarity: number }[]): ToneScores | null {
  let weight = 0;
  const mean = zeroTones();
  for (const n of neighbours) {
    const w = Math.max(0, n.similarity);
    weight += w;
    for (const t of TONES) mean[t] += w * n.tones[t];
  }
  if (weight === 0) return null;
  for (const t of TONES) mean[t] /= weight;
  return mean;
}
