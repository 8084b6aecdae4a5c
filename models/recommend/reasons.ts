/**
 * Why a pick was chosen, as data: the ranker says which reason applies and with what (a title, a person, tones);
 * the words come from the UI's messages (`reasonMessage` names them), so reasons are translated like the rest.
 */
import type { Tone } from '../catalogue/tones';
import type { Message } from '../messages';
import type { Emotion } from '../mood/emotions';

/** How a strategy reads for the mood: fits it, lifts it (low or heated), keeps a good one going, evens or sparks. */
export type Phrase = 'fits' | 'liftLow' | 'liftHeated' | 'keepGood' | 'even' | 'spark';

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
  | { kind: 'moreLike'; title: string };

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
      return { key: 'reason_genre', subs: [r.genre] };
    case 'director':
      return { key: 'reason_director', subs: [r.name] };
    case 'learned':
      return { key: `reason_learned_${r.emotion}`, subs: [{ key: `tone_${r.tone}`, subs: [] }] };
    case 'runtime':
      return { key: 'reason_runtime', subs: [String(r.minutes)] };
    case 'lateEvening':
      return { key: 'reason_late_evening', subs: [] };
    case 'genres':
      return { key: 'reason_genres', subs: [r.genres.join(', ')] };
    case 'lovedMl':
      return { key: 'reason_loved_ml', subs: [r.stars.toFixed(1)] };
    case 'ratedTmdb':
      return { key: 'reason_rated_tmdb', subs: [r.rating.toFixed(1)] };
    case 'popular':
      return { key: 'reason_popular', subs: [] };
    case 'tasteAlike':
      return { key: 'reason_taste_alike', subs: [] };
    case 'moreLike':
      return { key: 'reason_more_like', subs: [r.title] };
  }
}
