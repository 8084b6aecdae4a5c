/**
 * Why a pick was chosen, as data: the ranker says which reason applies and with what (a title, a person, tones);
 * the words come from the UI's messages (`reasonMessage` names them), so reasons are translated like the rest.
 */
import { hasOnlyKeys, isRecord } from '../checks';
import { displayTitle, type Movie } from '../catalogue/movie';
import { TONES, type Tone } from '../catalogue/tones';
import type { ItemFactors } from '../learning/item-factors';
import { itemCosine } from '../learning/item-factors';
import type { UserModel } from '../learning/user-model';
import { genreMessage, type Message } from '../messages';
import { EMOTIONS, type Emotion } from '../mood/emotions';
import { LOOK_WORDS, type LookWord } from '../look/look-index';
import { PHRASES, type Phrase } from './mood-target';

export type Reason =
  | { kind: 'mood'; phrase: Phrase; emotion: Emotion; tones: Tone[] }
  | { kind: 'wildcard' }
  | { kind: 'liked'; title: string }
  | { kind: 'person'; name: string }
  | { kind: 'genre'; genre: string }
  | { kind: 'director'; name: string }
  | { kind: 'learned'; emotion: Emotion; tone: Tone }
  | { kind: 'runtime'; minutes: number }
  | { kind: 'lateEvening' }
  | { kind: 'genres'; genres: string[] }
  | { kind: 'lovedMl'; stars: number }
  | { kind: 'ratedTmdb'; rating: number }
  | { kind: 'popular' }
  | { kind: 'tasteAlike' }
  /** Looks like the user's picture; `words` are true of both (none: alike, with nothing one word says). */
  | { kind: 'look'; words: LookWord[] }
  | { kind: 'moreLike'; title: string; likeness: Likeness };

/** What a "more like this" pick shares with the title it is like, strongest first. */
export type Likeness =
  | { kind: 'series' }
  | { kind: 'director'; name: string }
  | { kind: 'audience' }
  | { kind: 'genres'; genres: string[] }
  /** Near it in the catalogue's likeness with nothing of these to name. */
  | { kind: 'near' };

function phraseMessage(phrase: Phrase, emotion: Emotion): Message {
  // One message per emotion, so each language gets its article and agreement right ("an angry mood").
  return phrase === 'fits' && emotion !== 'neutral'
    ? { key: `phrase_fits_${emotion}`, subs: [] }
    : { key: `phrase_${phrase === 'fits' ? 'even' : phrase}`, subs: [] };
}

/** The message a reason reads as. */
export function reasonMessage(r: Reason): Message {
  switch (r.kind) {
    case 'mood':
      return r.tones.length === 0
        ? phraseMessage(r.phrase, r.emotion)
        : {
            key: 'reason_mood',
            subs: [phraseMessage(r.phrase, r.emotion), r.tones.map((t) => ({ key: `tone_${t}`, subs: [] }))],
          };
    case 'wildcard':
      return { key: 'reason_wildcard', subs: [] };
    case 'liked':
      return { key: 'reason_liked', subs: [r.title] };
    case 'person':
      return { key: 'reason_person', subs: [r.name] };
    case 'genre':
      return { key: 'reason_genre', subs: [genreMessage(r.genre)] };
    case 'director':
      return { key: 'reason_director', subs: [r.name] };
    case 'learned':
      return { key: `reason_learned_${r.emotion}`, subs: [{ key: `tone_${r.tone}`, subs: [] }] };
    case 'runtime':
      return { key: 'reason_runtime', subs: [{ number: r.minutes, digits: 0 }] };
    case 'lateEvening':
      return { key: 'reason_late_evening', subs: [] };
    case 'genres':
      return { key: 'reason_genres', subs: [r.genres.map(genreMessage)] };
    case 'lovedMl':
      return { key: 'reason_loved_ml', subs: [{ number: r.stars, digits: 1 }] };
    case 'ratedTmdb':
      return { key: 'reason_rated_tmdb', subs: [{ number: r.rating, digits: 1 }] };
    case 'popular':
      return { key: 'reason_popular', subs: [] };
    case 'look':
      return r.words.length === 0
        ? { key: 'reason_look_plain', subs: [] }
        : { key: 'reason_look', subs: [r.words.map((w) => ({ key: `look_${w}`, subs: [] }))] };
    case 'tasteAlike':
      return { key: 'reason_taste_alike', subs: [] };
    case 'moreLike':
      switch (r.likeness.kind) {
        case 'series':
          return { key: 'reason_more_like_series', subs: [r.title] };
        case 'director':
          return { key: 'reason_more_like_director', subs: [r.title, r.likeness.name] };
        case 'audience':
          return { key: 'reason_more_like_audience', subs: [r.title] };
        case 'genres':
          return { key: 'reason_more_like_genres', subs: [r.title, r.likeness.genres.map(genreMessage)] };
        case 'near':
          return { key: 'reason_more_like', subs: [r.title] };
      }
  }
}

type Check = (v: unknown) => boolean;
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const listOf =
  (item: Check): Check =>
  (v) =>
    Array.isArray(v) && v.length <= 20 && v.every(item);
/** A name, title or genre as a reason carries it: longer than any in the catalogue is not one. */
const isName: Check = (v) => typeof v === 'string' && v !== '' && v.length <= 500;
const isFigure: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Checks a value against one of `shapes`, chosen by its `kind`: that kind's fields and no others. */
function isKindOf(shapes: Record<string, Record<string, Check>>, v: unknown): boolean {
  if (!isRecord(v) || typeof v.kind !== 'string' || !Object.hasOwn(shapes, v.kind)) return false;
  const fields = shapes[v.kind]!;
  return hasOnlyKeys(v, ['kind', ...Object.keys(fields)]) && Object.entries(fields).every(([k, ok]) => ok(v[k]));
}

const LIKENESS_SHAPES: Record<Likeness['kind'], Record<string, Check>> = {
  series: {},
  director: { name: isName },
  audience: {},
  genres: { genres: listOf(isName) },
  near: {},
};

const REASON_SHAPES: Record<Reason['kind'], Record<string, Check>> = {
  mood: { phrase: oneOf(PHRASES), emotion: oneOf(EMOTIONS), tones: listOf(oneOf(TONES)) },
  wildcard: {},
  liked: { title: isName },
  person: { name: isName },
  genre: { genre: isName },
  director: { name: isName },
  learned: { emotion: oneOf(EMOTIONS), tone: oneOf(TONES) },
  runtime: { minutes: isFigure },
  lateEvening: {},
  genres: { genres: listOf(isName) },
  lovedMl: { stars: isFigure },
  ratedTmdb: { rating: isFigure },
  popular: {},
  tasteAlike: {},
  look: { words: listOf(oneOf(LOOK_WORDS)) },
  moreLike: { title: isName, likeness: (v) => isKindOf(LIKENESS_SHAPES, v) },
};

/** A reason as the ranker gives it (read back from storage, where anything may stand). */
export function isReason(v: unknown): v is Reason {
  return isKindOf(REASON_SHAPES, v);
}

/** A rating worth saying: loved on MovieLens or highly rated on TMDB, with enough votes. */
export function ratingReason(m: Movie): Reason | null {
  if (m.mlMean !== null && m.mlRatings >= 20 && m.mlMean >= 3.9) return { kind: 'lovedMl', stars: m.mlMean };
  if (m.tmdbRating !== null && (m.tmdbVotes ?? 0) >= 200 && m.tmdbRating >= 7.3)
    return { kind: 'ratedTmdb', rating: m.tmdbRating };
  return null;
}

/** "Because you liked …": the liked title most like this one in taste space. */
export function becauseYouLiked(m: Movie, liked: readonly Movie[], factors: ItemFactors | null): Reason | null {
  if (!factors) return null;
  let best: { title: string; sim: number } | null = null;
  for (const l of liked) {
    const sim = itemCosine(factors, l.movieId, m.movieId);
    if (sim !== null && sim > 0.3 && (!best || sim > best.sim)) best = { title: displayTitle(l.title), sim };
  }
  return best ? { kind: 'liked', title: best.title } : null;
}

/** A person or a genre the user keeps liking. */
export function contentReason(m: Movie, user: UserModel): Reason | null {
  const person = [...m.directors, ...m.cast.slice(0, 3)].find((p) => (user.people[p] ?? 0) >= 1);
  if (person) return { kind: 'person', name: person };
  const genre = m.genres.find((g) => (user.genres[g] ?? 0) >= 1.5);
  return genre ? { kind: 'genre', genre } : null;
}

/** How likely a film must carry a learned tone for "you often pick … when …" to be said of it (without a stricter mark). */
export const LEARNED_REASON_AT = 0.5;

/** Something plainly true of any title: its director, or its genres. */
export function factReason(m: Movie): Reason {
  return m.directors.length > 0
    ? { kind: 'director', name: m.directors[0]! }
    : { kind: 'genres', genres: m.genres.slice(0, 2) };
}
