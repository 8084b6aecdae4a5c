/**
 * Why a pick was chosen, as data: the ranker says which reason applies and with what (a title, a person, tones);
 * the words come from the UI's messages (`reasonMessage` names them), so reasons are translated like the rest.
 */
import { displayTitle, type Movie } from '../catalogue/movie';
import type { Tone } from '../catalogue/tones';
import type { ItemFactors } from '../learning/item-factors';
import { itemCosine } from '../learning/item-factors';
import type { UserModel } from '../learning/user-model';
import { genreMessage, type Message } from '../messages';
import type { Emotion } from '../mood/emotions';
import type { LookWord } from '../look/look-index';
import type { Phrase } from './mood-target';

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
