/**
 * Evaluation-only labels: MovieLens user tags (ml-latest-small/tags.csv) grouped into the catalogue's tones. Never
 * used as features; `eval:mood` and `eval:recs` score the profiles and the picks against them.
 */
import { join } from 'node:path';
import type { Tone } from '../../models/catalogue/tones';
import { readCsv } from './csv';

/** Evaluation labels: which user tags (lowercased) say a movie has a tone. Never used as features. */
export const TAGS_FOR_TONE: Partial<Record<Tone, string[]>> = {
  funny: [
    'funny',
    'hilarious',
    'comedy',
    'very funny',
    'humorous',
    'humor',
    'dark comedy',
    'black comedy',
    'witty',
    'satire',
    'parody',
    'spoof',
    'quotable',
    'highly quotable',
  ],
  dark: [
    'dark',
    'dark comedy',
    'black comedy',
    'disturbing',
    'bleak',
    'grim',
    'violent',
    'violence',
    'noir',
    'gritty',
    'brutal',
    'depressing',
    'nihilism',
  ],
  sad: [
    'sad',
    'depressing',
    'tearjerker',
    'emotional',
    'bittersweet',
    'heartbreaking',
    'tragedy',
    'melancholy',
    'melancholic',
    'sad ending',
  ],
  atmospheric: ['atmospheric', 'dreamlike', 'moody', 'haunting', 'visually stunning', 'beautiful scenery', 'stylized'],
  thoughtProvoking: [
    'thought-provoking',
    'thought provoking',
    'philosophical',
    'philosophy',
    'intellectual',
    'psychology',
    'social commentary',
    'political',
    'politics',
    'mindfuck',
    'cerebral',
    'deep',
  ],
  feelGood: [
    'feel-good',
    'feel good',
    'feel good movie',
    'heartwarming',
    'uplifting',
    'cute',
    'sweet',
    'happy ending',
    'family',
    'good music',
  ],
  heartwarming: ['heartwarming', 'touching', 'sweet', 'cute', 'friendship', 'family'],
  scary: ['scary', 'horror', 'creepy', 'frightening', 'terrifying', 'ghosts', 'zombies', 'vampires', 'suspense'],
  romantic: ['romantic', 'romance', 'love story', 'love', 'chick flick', 'relationships'],
  surprising: [
    'twist ending',
    'plot twist',
    'twist',
    'twists & turns',
    'surprise ending',
    'nonlinear',
    'mindfuck',
    'unpredictable',
    'clever',
  ],
  tense: ['suspense', 'suspenseful', 'tense', 'thriller', 'intense', 'gripping', 'tension'],
  thrilling: [
    'action',
    'action packed',
    'action-packed',
    'exciting',
    'adrenaline',
    'fast paced',
    'adventure',
    'superhero',
    'fight scenes',
    'martial arts',
  ],
  whimsical: ['quirky', 'whimsical', 'surreal', 'fairy tale', 'magic', 'fantasy', 'imagination', 'disney', 'pixar'],
  inspiring: [
    'inspirational',
    'inspiring',
    'uplifting',
    'true story',
    'based on a true story',
    'biography',
    'sports',
    'underdog',
  ],
};

/** movieId → its lower-cased user tags, for titles `keep` accepts. */
export function readMovieTags(data: string, keep: { has(movieId: number): boolean }): Map<number, Set<string>> {
  const tagsOf = new Map<number, Set<string>>();
  for (const r of readCsv(join(data, 'movielens/ml-latest-small/tags.csv'))) {
    const id = Number(r.movieId);
    if (!keep.has(id)) continue;
    const set = tagsOf.get(id) ?? new Set<string>();
    set.add((r.tag ?? '').trim().toLowerCase());
    tagsOf.set(id, set);
  }
  return tagsOf;
}

/** The tones a title's tags give it. */
export function taggedTones(tags: ReadonlySet<string>): Set<Tone> {
  const tones = new Set<Tone>();
  for (const [tone, list] of Object.entries(TAGS_FOR_TONE) as [Tone, string[]][])
    if (list.some((t) => tags.has(t))) tones.add(tone);
  return tones;
}
