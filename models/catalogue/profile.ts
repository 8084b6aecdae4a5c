import type { Lexicon } from './lexicon';
import { TONES, withAffect, zeroTones, type MoodProfile, type Tone, type ToneScores } from './tones';

type Weights = Partial<Record<Tone, number>>;

export interface ProfileInput {
  genres: readonly string[];
  keywords: readonly string[];
}

export interface ProfileOptions {
  /** False gives the genres-only profile (the baseline `films:eval-tones` compares against). */
  useKeywords: boolean;
}

/**
 * Reads films through a lexicon. The lexicon is data, handed in: Node scripts pass the shipped one, the background
 * loads it with the tone model only when it profiles titles added from TMDB (see tone-profiler.ts).
 */
export class LexiconReader {
  private readonly rules: Map<string, Weights>;
  private readonly maxTermWords: number;

  constructor(private readonly lexicon: Lexicon) {
    this.rules = new Map(lexicon.keywords.map(([term, w]) => [term, w]));
    this.maxTermWords = Math.max(...lexicon.keywords.map(([term]) => term.split(' ').length));
  }

  /**
   * The lexicon rules a keyword triggers: every run of its words that is a rule's term (each rule once); a trailing
   * plural "s" is also tried so "ghosts" meets the rule for "ghost".
   */
  keywordRules(keyword: string): Weights[] {
    const w = keyword.toLowerCase().split(/\s+/).filter(Boolean);
    const found = new Map<string, Weights>();
    for (let n = Math.min(this.maxTermWords, w.length); n >= 1; n--) {
      for (let i = 0; i + n <= w.length; i++) {
        const term = w.slice(i, i + n).join(' ');
        for (const candidate of [term, term.endsWith('s') ? term.slice(0, -1) : null]) {
          const rule = candidate && this.rules.get(candidate);
          if (rule && candidate) found.set(candidate, rule);
        }
      }
    }
    return [...found.values()];
  }

  /** Evidence per tone from the lexicon, before squashing. */
  toneEvidence(input: ProfileInput, options: ProfileOptions = { useKeywords: true }): ToneScores {
    const raw = zeroTones();
    const add = (w: Weights) => {
      for (const [tone, v] of Object.entries(w) as [Tone, number][]) raw[tone] += v;
    };
    for (const g of new Set(input.genres)) {
      const w = this.lexicon.genres[g];
      if (w) add(w);
    }
    if (options.useKeywords) for (const k of new Set(input.keywords)) for (const w of this.keywordRules(k)) add(w);
    return raw;
  }

  /**
   * The lexical mood profile of a movie: each tone's evidence squashed to 0..1 by 1 − e^(−evidence) (a second clue
   * adds less than the first), and valence/arousal from the tones.
   */
  profileOf(input: ProfileInput, options: ProfileOptions = { useKeywords: true }): MoodProfile {
    const raw = this.toneEvidence(input, options);
    const tones = zeroTones();
    for (const t of TONES) tones[t] = 1 - Math.exp(-raw[t]);
    return withAffect(tones);
  }
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
