/**
 * Evaluation and fitting labels: MovieLens user tags (ml-latest-small/tags.csv) grouped into the catalogue's tones.
 *
 * A tag counts only when it says how a film feels, never what it is: no tag with a genre word (GENRE_WORDS) and no
 * subject ("zombies", "true story"), because the profiles already see genres and keywords, and a label that restates
 * a feature scores the feature, not the mood. `tests/unit/tone-tags.test.ts` keeps genre words out.
 *
 * The labelled titles are split once, by title, with a fixed seed: the tuning half is the only one any choice is
 * made on (lexicon, tone model, thresholds, weights); the reporting half is what docs/ reports.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Tone } from '../../models/catalogue/tones';
import { toneSides, type MoodTarget } from '../../models/recommend/mood-target';
import { csvRecords, readText } from './csv';

/** Words that name what a film is rather than how it feels. A tag containing one (as a word) is never a label. */
export const GENRE_WORDS = [
  'action',
  'adventure',
  'animated',
  'animation',
  'anime',
  'cartoon',
  'children',
  'comedy',
  'comedies',
  'crime',
  'disney',
  'documentary',
  'drama',
  'family',
  'fantasy',
  'film-noir',
  'horror',
  'kids',
  'martial',
  'musical',
  'mystery',
  'noir',
  'pixar',
  'romance',
  'sci-fi',
  'scifi',
  'science',
  'sports',
  'superhero',
  'thriller',
  'war',
  'western',
] as const;

/** Which user tags (lowercased) say a film carries a tone. Feelings and effects only. */
export const TAGS_FOR_TONE: Record<Tone, readonly string[]> = {
  funny: [
    'funny',
    'hilarious',
    'very funny',
    'humorous',
    'humor',
    'humour',
    'witty',
    'satire',
    'satirical',
    'parody',
    'spoof',
    'quotable',
    'highly quotable',
    'dark humor',
    'black humor',
    'silly',
    'sarcasm',
    'irreverent',
    'crude humor',
    'slapstick',
    'goofy',
    'amusing',
    'fun',
  ],
  feelGood: [
    'feel-good',
    'feel good movie',
    'uplifting',
    'heartwarming',
    'cute',
    'sweet',
    'happy ending',
    'charming',
    'lighthearted',
    'light-hearted',
    'cheerful',
    'fun',
  ],
  heartwarming: ['heartwarming', 'touching', 'sweet', 'cute', 'sentimental', 'friendship', 'tender', 'warm'],
  romantic: ['romantic', 'love story', 'chick flick', 'love', 'passionate'],
  sad: [
    'sad',
    'depressing',
    'tearjerker',
    'tear jerker',
    'emotional',
    'bittersweet',
    'heartbreaking',
    'tragedy',
    'tragic',
    'melancholy',
    'melancholic',
    'sad ending',
    'made me cry',
    'poignant',
    'moving',
    'loneliness',
  ],
  dark: [
    'dark',
    'disturbing',
    'bleak',
    'grim',
    'violent',
    'violence',
    'gritty',
    'brutal',
    'brutality',
    'depressing',
    'nihilism',
    'bloody',
    'cynical',
    'gory',
    'gore',
    'dark humor',
    'black humor',
    'dark hero',
  ],
  tense: [
    'suspense',
    'suspenseful',
    'tense',
    'intense',
    'gripping',
    'tension',
    'claustrophobic',
    'paranoia',
    'paranoid',
    'nerve-wracking',
  ],
  scary: [
    'scary',
    'creepy',
    'frightening',
    'terrifying',
    'spooky',
    'eerie',
    'chilling',
    'scary movies to see on halloween',
  ],
  thrilling: ['exciting', 'adrenaline', 'fast paced', 'fight scenes', 'thrilling', 'car chase', 'explosions'],
  thoughtProvoking: [
    'thought-provoking',
    'philosophical',
    'philosophy',
    'intellectual',
    'psychology',
    'psychological',
    'social commentary',
    'political',
    'politics',
    'cerebral',
    'deep',
    'intelligent',
    'existentialism',
    'smart',
    'thoughtful',
  ],
  inspiring: ['inspirational', 'inspiring', 'uplifting', 'underdog', 'motivational', 'hopeful', 'life-affirming'],
  whimsical: [
    'quirky',
    'whimsical',
    'surreal',
    'imagination',
    'weird',
    'off-beat',
    'offbeat',
    'psychedelic',
    'absurd',
    'eccentric',
    'bizarre',
  ],
  surprising: [
    'twist ending',
    'plot twist',
    'twist',
    'twists & turns',
    'surprise ending',
    'nonlinear',
    'non-linear',
    'mindfuck',
    'mind-bending',
    'unpredictable',
    'clever',
    'great ending',
    'complicated',
  ],
  atmospheric: [
    'atmospheric',
    'dreamlike',
    'moody',
    'haunting',
    'visually stunning',
    'visually appealing',
    'beautiful scenery',
    'stylized',
    'stylish',
    'cinematography',
    'hallucinatory',
    'poetic',
    'beautiful',
    'meditative',
  ],
};

/** The genre words a tag contains, as whole words ("dark comedy" → ["comedy"]). */
export function genreWordsIn(tag: string): string[] {
  const words = tag.toLowerCase().split(/[^a-z-]+/);
  return GENRE_WORDS.filter((g) => words.includes(g));
}

/** ml-latest-small's user tags (under the data folder): the only tags the shipped data may be fitted on. */
export const SHIPPED_TAGS = 'movielens/ml-latest-small/tags.csv';

/** The names a MovieLens release gives its tags file, looked for when a folder is given. */
const TAG_FILE_NAMES = ['tags.csv', 'tags.csv.gz', 'tags.dat'];

/** A tags file as given, or the one inside a release's folder (ml-25m/ for ml-25m/tags.csv). */
export function tagsFileAt(path: string): string {
  if (!existsSync(path)) throw new Error(`No tags file at ${path}`);
  if (!statSync(path).isDirectory()) return path;
  const found = TAG_FILE_NAMES.map((name) => join(path, name)).find((f) => existsSync(f));
  if (!found) throw new Error(`${path} is a folder without ${TAG_FILE_NAMES.join(', ')}: give the tags file itself`);
  return found;
}

/**
 * (movieId, tag) rows of a MovieLens tags file (optionally .gz): a tags.csv with a header, or ml-10M's `tags.dat`
 * (id::id::tag::time), told apart by the first line of the text.
 */
function tagRows(file: string): { movieId: number; tag: string }[] {
  const text = readText(file);
  if (text.split('\n', 1)[0]!.includes('::'))
    return text
      .split(/\r?\n/)
      .filter((line) => line.length > 0)
      .map((line) => {
        const [, movieId = '', tag = ''] = line.split('::');
        return { movieId: Number(movieId), tag };
      });
  const rows = csvRecords(text);
  if (rows.length > 0 && !('movieId' in rows[0]! && 'tag' in rows[0]!))
    throw new Error(
      `${file}: a tags file needs movieId and tag columns (MovieLens tags.csv), or id::id::tag::time lines`,
    );
  return rows.map((r) => ({ movieId: Number(r.movieId), tag: r.tag ?? '' }));
}

/**
 * movieId → its user tags (as `tagKey` gives them), for titles `keep` accepts, from ml-latest-small or `file` (any
 * MovieLens release's tags: a tags.csv with movieId and tag columns, or ml-10M's tags.dat).
 */
export function readMovieTags(
  data: string,
  keep: { has(movieId: number): boolean },
  file = join(data, SHIPPED_TAGS),
): Map<number, Set<string>> {
  const tagsOf = new Map<number, Set<string>>();
  for (const r of tagRows(file)) {
    if (!keep.has(r.movieId)) continue;
    const set = tagsOf.get(r.movieId) ?? new Set<string>();
    set.add(tagKey(r.tag));
    tagsOf.set(r.movieId, set);
  }
  return tagsOf;
}

/**
 * A tag as the lexicon compares it: lower case, hyphens and underscores as spaces, one space between words, no
 * punctuation around it ("Feel-good!" and "feel good" are one tag). A large release's users type one word many ways.
 */
export function tagKey(tag: string): string {
  return tag
    .toLowerCase()
    .replace(/[-_]+/g, ' ')
    .replace(/^[\s"'(*.!?,;:]+|[\s"')*.!?,;:]+$/g, '')
    .replace(/\s+/g, ' ');
}

/** Each tone-tag's key → the tones it names. */
const TONES_OF_KEY = new Map<string, Tone[]>();
for (const [tone, list] of Object.entries(TAGS_FOR_TONE) as [Tone, readonly string[]][])
  for (const key of new Set(list.map(tagKey))) TONES_OF_KEY.set(key, [...(TONES_OF_KEY.get(key) ?? []), tone]);

/** The tones a title's tags (as `tagKey` gives them) name. */
export function taggedTones(tags: ReadonlySet<string>): Set<Tone> {
  const named = new Set<Tone>();
  for (const tag of tags) for (const tone of TONES_OF_KEY.get(tag) ?? []) named.add(tone);
  // In the lexicon's order, whatever order the tags came in.
  return new Set((Object.keys(TAGS_FOR_TONE) as Tone[]).filter((tone) => named.has(tone)));
}

/** movieId → its tones, for every title in `keep` whose tags name at least one tone. */
export function readToneLabels(
  data: string,
  keep: { has(movieId: number): boolean },
  file?: string,
): Map<number, Set<Tone>> {
  const labels = new Map<number, Set<Tone>>();
  for (const [id, tags] of readMovieTags(data, keep, file)) {
    const tones = taggedTones(tags);
    if (tones.size > 0) labels.set(id, tones);
  }
  return labels;
}

/**
 * How a title's tags meet a target: a hit names a tone the target wants and none it steers away from; a miss names no
 * wanted tone, or a wanted one and an unwanted one.
 */
export function meetsTarget(
  tones: ReadonlySet<Tone> | undefined,
  target: Pick<MoodTarget, 'weights'>,
): 'hit' | 'noWanted' | 'unwanted' {
  const { wanted, unwanted } = toneSides(target);
  if (!tones || !wanted.some((t) => tones.has(t))) return 'noWanted';
  return unwanted.some((t) => tones.has(t)) ? 'unwanted' : 'hit';
}

/** Tone precision's hit: the title's tags name a tone the target wants and none it steers away from. */
export function fitsTarget(tones: ReadonlySet<Tone> | undefined, target: Pick<MoodTarget, 'weights'>): boolean {
  return meetsTarget(tones, target) === 'hit';
}

export type Part = 'tuning' | 'reporting';

/** The one split of titles, by movieId with a fixed seed (a hash, so a title's half never depends on the others). */
export const SPLIT_SEED = 16;

export function partOf(movieId: number): Part {
  return halfOf(movieId, SPLIT_SEED) === 0 ? 'tuning' : 'reporting';
}

/**
 * A title's half (0 or 1) under another seed: how the tuning half is split again where a simulation needs titles to
 * learn from and titles to measure on without reading the reporting half.
 */
export function halfOf(movieId: number, seed: number): 0 | 1 {
  let h = (movieId ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h % 2 === 0 ? 0 : 1;
}
