/**
 * Ranking: one interface, several rankers (popularity, collaborative, the full mood ranker), one contract suite
 * (tests/unit/rankers.test.ts) every ranker passes. Everything here is pure and deterministic under a seed.
 */
import type { Movie } from '../catalogue/movie';
import { SHIPPED_TONE_MODEL } from '../catalogue/tone-model';
import { TONES } from '../catalogue/tones';
import type { ItemFactors } from '../learning/item-factors';
import { itemCosine } from '../learning/item-factors';
import { rng } from '../learning/linalg';
import { learnedTone } from '../learning/mood-map';
import type { UserModel } from '../learning/user-model';
import { EMOTIONS } from '../mood/emotions';
import { fitTerms, MOOD_FIT, moodFit, reasonTones, vetoed } from './mood-fit';
import { STRATEGIES, targetPhrase, targetWeights, type MoodTarget } from './mood-target';
import type { Reason } from './reasons';

export interface Filters {
  includeSeen: boolean;
  excludedGenres: string[];
  /** Original languages to keep; empty keeps all. Titles of unknown language are kept. */
  languages: string[];
  yearMin: number | null;
  yearMax: number | null;
  adult: boolean;
  /** The longest runtime to pick ("How long have I got"); titles of unknown length are left out under it. */
  maxMinutes?: number | null;
}

export const DEFAULT_FILTERS: Filters = {
  includeSeen: false,
  excludedGenres: [],
  languages: [],
  yearMin: null,
  yearMax: null,
  adult: false,
};

export interface RankContext {
  movies: readonly Movie[];
  factors: ItemFactors | null;
  user: UserModel;
  target: MoodTarget;
  filters: Filters;
  /** 0 (pure relevance) .. 1 (as varied as possible). */
  diversity: number;
  count: number;
  seed: number;
  /** Titles already shown, left out ("different picks"). */
  exclude?: ReadonlySet<number>;
}

export interface Pick {
  movie: Movie;
  score: number;
  reasons: Reason[];
  wildcard: boolean;
}

export interface Ranker {
  name: string;
  rank(ctx: RankContext): Pick[];
}

/** Every weight of the full ranker, in one place. */
export const RANK_WEIGHTS = {
  /** On the mood fit divided by the best fit in the catalogue (0..1). */
  mood: 1.0,
  personal: 0.9,
  /** The quality prior (-1..1) breaks ties among films that fit the mood; it cannot carry one that does not. */
  quality: 0.1,
  /** Children's titles in a list at most, unless the user's feedback says they like them… */
  childrenCap: 2,
  /** …and how much of their mood fit counts until then. */
  childrenFit: 0.85,
  /** Feedback events before personal taste counts fully. */
  personalRampEvents: 5,
  /** Candidates the diversity step chooses from. */
  pool: 250,
  /**
   * iALS scores of a user's kind of titles sit around 0.1..0.4 (the median title near 0); this puts them on the
   * scale of the mood fit. Linear, not squashed: squashing flattened the order among the best titles (NDCG@10 of the
   * full ranker 0.239 -> 0.284 on fold 1 of eval:recs when it went).
   */
  cfScale: 3,
  /** Exploration slots: one per eight picks, at most two. */
  wildcardEvery: 8,
};

/** The filters, plus titles the user hid, watchlisted, saw or liked (unless asked), or was just shown. */
function eligibility(ctx: Omit<RankContext, 'target'>): (m: Movie) => boolean {
  const f = ctx.filters;
  // Every title the user's signals rule out, and those just shown, in one set.
  const blocked = new Set<number>(ctx.exclude ?? []);
  for (const [id, signal] of Object.entries(ctx.user.signals)) {
    // Watchlisted titles have their own list; liked ones were seen.
    if (signal === 'down' || signal === 'not-interested' || signal === 'watchlist') blocked.add(Number(id));
    else if (!f.includeSeen) blocked.add(Number(id));
  }
  const excluded = new Set(f.excludedGenres);
  const languages = new Set(f.languages);
  return (m) => {
    if (blocked.has(m.movieId)) return false;
    if (!f.adult && m.adult) return false;
    if (excluded.size > 0 && m.genres.some((g) => excluded.has(g))) return false;
    if (languages.size > 0 && m.language !== null && !languages.has(m.language)) return false;
    if (f.yearMin !== null && (m.year === null || m.year < f.yearMin)) return false;
    if (f.yearMax !== null && (m.year === null || m.year > f.yearMax)) return false;
    if (f.maxMinutes && (m.runtime === null || m.runtime > f.maxMinutes)) return false;
    return true;
  };
}

export function eligible(ctx: RankContext): Movie[] {
  return ctx.movies.filter(eligibility(ctx));
}

/** What never changes for a catalogue: tone strengths as one array, quality priors, embedding rows. Cached per list. */
interface Prepared {
  tones: Float32Array;
  /**
   * Per title, its two homes: the emotion × strategy targets (index into HOMES) it fits best, each fit taken as a
   * share of that target's best fit in the catalogue.
   */
  homes: Uint8Array;
  quality: Float64Array;
  factorRow: Int32Array;
  /** Content features ("g:Drama", "p:Name", "k:keyword") as ids: movie i owns features[offsets[i]..offsets[i+1]). */
  vocabulary: Map<string, number>;
  features: Int32Array;
  offsets: Int32Array;
}

/** Every emotion × strategy: the targets a title's homes are counted among. */
const HOMES = EMOTIONS.flatMap((emotion) => STRATEGIES.map((strategy) => ({ emotion, strategy })));

/** Weight of one unit of user preference per kind of content feature. */
const CONTENT_WEIGHT = { g: 0.35, p: 0.6, k: 0.15 } as const;

function contentFeatures(m: Movie): string[] {
  return [
    ...m.genres.map((g) => `g:${g}`),
    ...m.directors.map((p) => `p:${p}`),
    ...m.cast.slice(0, 3).map((p) => `p:${p}`),
    ...m.keywords.map((k) => `k:${k}`),
  ];
}

/** The user's content preferences over a catalogue's feature ids, weighted by kind. */
function preferenceVector(user: UserModel, vocabulary: Map<string, number>): Float64Array {
  const v = new Float64Array(vocabulary.size);
  const put = (kind: keyof typeof CONTENT_WEIGHT, prefs: Record<string, number>) => {
    for (const [name, value] of Object.entries(prefs)) {
      const id = vocabulary.get(`${kind}:${name}`);
      if (id !== undefined) v[id] = v[id]! + value * CONTENT_WEIGHT[kind];
    }
  };
  put('g', user.genres);
  put('p', user.people);
  put('k', user.keywords);
  return v;
}
const preparedCache = new WeakMap<readonly Movie[], { factors: ItemFactors | null; prepared: Prepared }>();

function prepare(movies: readonly Movie[], factors: ItemFactors | null): Prepared {
  const cached = preparedCache.get(movies);
  if (cached && cached.factors === factors) return cached.prepared;
  const T = TONES.length;
  const tones = new Float32Array(movies.length * T);
  const quality = new Float64Array(movies.length);
  const factorRow = new Int32Array(movies.length).fill(-1);
  const vocabulary = new Map<string, number>();
  const features: number[] = [];
  const offsets = new Int32Array(movies.length + 1);
  movies.forEach((m, i) => {
    TONES.forEach((t, j) => (tones[i * T + j] = m.profile.tones[t]));
    quality[i] = qualityPrior(m);
    factorRow[i] = factors?.row.get(m.movieId) ?? -1;
    for (const feature of contentFeatures(m)) {
      let id = vocabulary.get(feature);
      if (id === undefined) vocabulary.set(feature, (id = vocabulary.size));
      features.push(id);
    }
    offsets[i + 1] = features.length;
  });
  const homes = new Uint8Array(movies.length * 2);
  const best = new Float32Array(movies.length * 2);
  HOMES.forEach(({ emotion, strategy }, h) => {
    const terms = fitTerms({ weights: targetWeights(emotion, strategy) });
    const fits = new Float32Array(movies.length);
    let top = 1e-9;
    for (let i = 0; i < movies.length; i++) top = Math.max(top, (fits[i] = moodFit(tones, i * T, terms)));
    for (let i = 0; i < movies.length; i++) {
      const share = fits[i]! / top;
      if (share > best[2 * i]!) {
        best[2 * i + 1] = best[2 * i]!;
        homes[2 * i + 1] = homes[2 * i]!;
        best[2 * i] = share;
        homes[2 * i] = h;
      } else if (share > best[2 * i + 1]!) {
        best[2 * i + 1] = share;
        homes[2 * i + 1] = h;
      }
    }
  });
  const prepared = { tones, homes, quality, factorRow, vocabulary, features: Int32Array.from(features), offsets };
  preparedCache.set(movies, { factors, prepared });
  return prepared;
}

/** −1..1 prior from ratings and votes: well-liked, much-watched titles first when nothing else is known. */
export function qualityPrior(m: Movie): number {
  const ml = m.mlMean === null ? 0 : (m.mlMean - 3.4) / 0.6;
  const tmdb = m.tmdbRating === null ? 0 : (m.tmdbRating - 6.3) / 1.2;
  const votes = Math.log1p(m.mlRatings * 20 + (m.tmdbVotes ?? 0)) / Math.log1p(20_000);
  return Math.tanh(0.45 * ml + 0.25 * tmdb + 0.6 * (votes - 0.35));
}

/** The user's collaborative score for every embedded title (indexed by embedding row), or null without a vector. */
function collaborativeScores(ctx: RankContext): Float64Array | null {
  const f = ctx.factors;
  const u = ctx.user.vector;
  if (!f || !u) return null;
  const cf = new Float64Array(f.movieIds.length);
  for (let r = 0; r < cf.length; r++) {
    let d = 0;
    for (let j = 0; j < f.k; j++) d += u[j]! * f.values[r * f.k + j]!;
    cf[r] = RANK_WEIGHTS.cfScale * d;
  }
  return cf;
}

const franchiseKeys = new WeakMap<Movie, string>();

function franchiseOf(m: Movie): string {
  let key = franchiseKeys.get(m);
  if (key === undefined) {
    key = franchiseKey(m.title);
    franchiseKeys.set(m, key);
  }
  return key;
}

/** The words of a title without sequel numbers and subtitles: "Toy Story 3" and "Toy Story" share "toy story". */
export function franchiseKey(title: string): string {
  return title
    .toLowerCase()
    .split(/[:(–-]/)[0]!
    .replace(/\b(\d+|i{1,3}|iv|v|vi{0,3}|part|chapter|the|a|an)\b/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** 0..1 likeness of two titles, for diversity: same franchise, shared audience, or shared genres and director. */
export function similarity(a: Movie, b: Movie, factors: ItemFactors | null): number {
  const fa = franchiseOf(a);
  if (fa.length > 0 && fa === franchiseOf(b)) return 1;
  const cf = factors ? itemCosine(factors, a.movieId, b.movieId) : null;
  const shared = a.genres.filter((g) => b.genres.includes(g)).length;
  const jaccard = shared / (a.genres.length + b.genres.length - shared || 1);
  const director = a.directors.some((d) => b.directors.includes(d)) ? 0.3 : 0;
  const content = Math.min(1, 0.6 * jaccard + director);
  return cf === null ? content : Math.max(0, 0.6 * cf + 0.4 * content);
}

/** Maximal marginal relevance (Carbonell & Goldstein 1998): each next pick trades score against likeness to those chosen. */
export function mmr(
  pool: readonly Pick[],
  count: number,
  diversity: number,
  factors: ItemFactors | null,
  cap: { of: (m: Movie) => boolean; max: number } | null = null,
): Pick[] {
  const lambda = 1 - 0.5 * Math.min(1, Math.max(0, diversity));
  const chosen: Pick[] = [];
  const left = [...pool];
  let capped = 0;
  while (chosen.length < count && left.length > 0) {
    let best = -1;
    let bestValue = -Infinity;
    const full = cap !== null && capped >= cap.max;
    left.forEach((p, i) => {
      if (full && cap.of(p.movie)) return;
      const maxSim = chosen.reduce((m, c) => Math.max(m, similarity(p.movie, c.movie, factors)), 0);
      const value = lambda * p.score - (1 - lambda) * maxSim;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    if (best < 0) break;
    const [next] = left.splice(best, 1);
    if (cap?.of(next!.movie)) capped++;
    chosen.push(next!);
  }
  return chosen;
}

function sortedPicks(movies: readonly Movie[], score: (m: Movie) => number): Pick[] {
  return movies
    .map((movie) => ({ movie, score: score(movie), reasons: [] as Reason[], wildcard: false }))
    .sort((a, b) => b.score - a.score || a.movie.movieId - b.movie.movieId);
}

function ratingReason(m: Movie): Reason | null {
  if (m.mlMean !== null && m.mlRatings >= 20 && m.mlMean >= 3.9) return { kind: 'lovedMl', stars: m.mlMean };
  if (m.tmdbRating !== null && (m.tmdbVotes ?? 0) >= 200 && m.tmdbRating >= 7.3)
    return { kind: 'ratedTmdb', rating: m.tmdbRating };
  return null;
}

/** Most popular and best-rated first: the fallback with no mood and no feedback. */
export const popularityRanker: Ranker = {
  name: 'popularity',
  rank(ctx) {
    return sortedPicks(eligible(ctx), qualityPrior)
      .slice(0, ctx.count)
      .map((p) => ({ ...p, reasons: [ratingReason(p.movie) ?? { kind: 'popular' }] }));
  },
};

/** Collaborative taste alone (iALS fold-in), falling back to the quality prior for titles without embeddings. */
export const collaborativeRanker: Ranker = {
  name: 'ials',
  rank(ctx) {
    const cf = collaborativeScores(ctx);
    const row = (m: Movie) => ctx.factors?.row.get(m.movieId);
    return sortedPicks(eligible(ctx), (m) => {
      const r = row(m);
      return cf && r !== undefined ? cf[r]! : qualityPrior(m) - 2;
    })
      .slice(0, ctx.count)
      .map((p) => ({ ...p, reasons: [{ kind: 'tasteAlike' }] }));
  },
};

/** The `n` genres most picks share. */
export function leadingGenres(picks: readonly Pick[], n: number): string[] {
  const counts = new Map<string, number>();
  for (const p of picks) for (const g of p.movie.genres) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([g]) => g);
}

function becauseYouLiked(m: Movie, liked: readonly Movie[], factors: ItemFactors | null): Reason | null {
  if (!factors) return null;
  let best: { title: string; sim: number } | null = null;
  for (const l of liked) {
    const sim = itemCosine(factors, l.movieId, m.movieId);
    if (sim !== null && sim > 0.3 && (!best || sim > best.sim)) best = { title: l.title, sim };
  }
  return best ? { kind: 'liked', title: best.title } : null;
}

function contentReason(m: Movie, user: UserModel): Reason | null {
  const person = [...m.directors, ...m.cast.slice(0, 3)].find((p) => (user.people[p] ?? 0) >= 1);
  if (person) return { kind: 'person', name: person };
  const genre = m.genres.find((g) => (user.genres[g] ?? 0) >= 1.5);
  return genre ? { kind: 'genre', genre } : null;
}

/** The k-th largest value (1-based) by quickselect on a copy: linear on average. */
function kthLargest(values: Float64Array, k: number): number {
  const a = Float64Array.from(values);
  let lo = 0;
  let hi = a.length - 1;
  const target = a.length - k;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return a[target]!;
}

/** Indexes of the `k` highest scores, highest first (ties by index). Linear plus a sort of about `k`. */
export function topIndices(scores: Float64Array, k: number): number[] {
  if (scores.length === 0 || k <= 0) return [];
  const threshold = kthLargest(scores, Math.min(k, scores.length));
  const top: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= threshold) top.push(i);
  return top.sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, k);
}

/**
 * The full ranker. In a mood check the mood leads: only films that fit it well (and carry no tone it steers away
 * from) are candidates, and personal taste and the quality prior order them. At a neutral or unsure reading the mood's
 * strength is low, the pool opens up and taste leads. Then MMR for variety, a cap on children's titles, and, once the
 * user has given feedback, wildcard slots outside their usual genres but inside the mood.
 */
export const moodRanker: Ranker = {
  name: 'full',
  rank(ctx) {
    const events = Object.keys(ctx.user.signals).length;
    const known = Math.min(1, events / RANK_WEIGHTS.personalRampEvents);
    // With no taste to lean on yet, the mood is all there is to go by, however neutral or unsure.
    const strength = ctx.target.strength + (1 - ctx.target.strength) * (1 - known);
    const wMood = RANK_WEIGHTS.mood * strength;
    const wPersonal = RANK_WEIGHTS.personal * known * (1.5 - strength / 2);
    // The more the user has told us, the less a title's general reputation matters.
    const wQuality = RANK_WEIGHTS.quality * (1 - 0.5 * known);
    const prepared = prepare(ctx.movies, ctx.factors);
    const { tones, quality: qualityAll, factorRow, vocabulary, features, offsets } = prepared;
    const T = TONES.length;
    const terms = fitTerms(ctx.target);
    // The user's iALS score for every embedded title, once.
    const cf = collaborativeScores(ctx);
    const prefs = events > 0 ? preferenceVector(ctx.user, vocabulary) : null;
    const ok = eligibility(ctx);
    const homeWeight = HOMES.map(({ emotion, strategy }) =>
      strategy === ctx.target.strategy ? (ctx.target.mix[emotion] ?? 0) : 0,
    );
    const fitAll = new Float64Array(ctx.movies.length);
    let maxFit = 1e-9;
    for (let i = 0; i < ctx.movies.length; i++) {
      if (!ok(ctx.movies[i]!) || vetoed(tones, i * T, terms)) {
        fitAll[i] = -1;
        continue;
      }
      // Until the user's taste is known, a film is offered only for the moods it is most right for (its two homes,
      // weighed by how much of the mood each is): otherwise the same all-rounders (a funny, warm, exciting
      // crowd-pleaser) would top the lists of many moods.
      const atHome = homeWeight[prepared.homes[2 * i]!]! + homeWeight[prepared.homes[2 * i + 1]!]!;
      const away = 1 - Math.min(1, atHome);
      fitAll[i] = moodFit(tones, i * T, terms) * (1 - (1 - known) * MOOD_FIT.away * away);
      if (fitAll[i]! > maxFit) maxFit = fitAll[i]!;
    }
    const kidsWelcome = (ctx.user.genres.Children ?? 0) > 0;
    // Films for children fit many moods on paper; for a grown-up they must fit this one clearly better.
    if (!kidsWelcome)
      for (let i = 0; i < ctx.movies.length; i++)
        if (fitAll[i]! > 0 && ctx.movies[i]!.genres.includes('Children'))
          fitAll[i] = fitAll[i]! * RANK_WEIGHTS.childrenFit;
    // Never fewer candidates than picks asked for while eligible titles remain: the floor drops to the count-th fit.
    const floor = Math.min(MOOD_FIT.pool * strength * maxFit, kthLargest(fitAll, Math.min(ctx.count, fitAll.length)));
    const candidates: Movie[] = [];
    const quality = new Float64Array(ctx.movies.length);
    const scoreAll = new Float64Array(ctx.movies.length);
    let n = 0;
    for (let i = 0; i < ctx.movies.length; i++) {
      const fm = fitAll[i]!;
      if (fm < floor || fm < 0) continue;
      let personal = 0;
      if (wPersonal > 0) {
        let content = 0;
        if (prefs) {
          for (let o = offsets[i]!; o < offsets[i + 1]!; o++) content += prefs[features[o]!]!;
          content = Math.tanh(content / 2);
        }
        const row = factorRow[i]!;
        // Without an embedding only content speaks, and it is the weaker witness.
        personal = cf && row >= 0 ? 0.65 * cf[row]! + 0.35 * content : 0.5 * content;
      }
      candidates.push(ctx.movies[i]!);
      quality[n] = qualityAll[i]!;
      scoreAll[n] = (wMood * fm) / maxFit + wPersonal * personal + wQuality * qualityAll[i]!;
      n++;
    }
    const score = scoreAll.subarray(0, n);
    const pick = (i: number): Pick => ({ movie: candidates[i]!, score: score[i]!, reasons: [], wildcard: false });
    const wildcards = events === 0 ? 0 : Math.min(2, Math.floor(ctx.count / RANK_WEIGHTS.wildcardEvery));
    // MMR is greedy, so the first n of a longer run are the run of n: unfilled wildcard slots take the next picks.
    const ranked = mmr(
      topIndices(score, RANK_WEIGHTS.pool).map(pick),
      ctx.count,
      ctx.diversity,
      ctx.factors,
      kidsWelcome ? null : { of: (m) => m.genres.includes('Children'), max: RANK_WEIGHTS.childrenCap },
    );
    const main = ranked.slice(0, ctx.count - wildcards);

    // Serendipity, once there is taste to step outside of: a good fit, well rated, from none of the genres the user
    // likes or the list leans on.
    const usual = new Set([
      ...Object.entries(ctx.user.genres)
        .filter(([, v]) => v > 0)
        .map(([g]) => g),
      ...leadingGenres(main, 3),
    ]);
    const taken = new Set(ranked.map((p) => p.movie.movieId));
    // Only the best 20 of them are ever drawn from: keep those, sorted, as the scan goes.
    const unusual: number[] = [];
    for (let i = 0; wildcards > 0 && i < n; i++) {
      const m = candidates[i]!;
      if (quality[i]! <= 0 || taken.has(m.movieId) || m.genres.some((g) => usual.has(g))) continue;
      if (!kidsWelcome && m.genres.includes('Children')) continue;
      if (unusual.length === 20 && score[i]! <= score[unusual[19]!]!) continue;
      let at = unusual.length;
      while (at > 0 && score[unusual[at - 1]!]! < score[i]!) at--;
      unusual.splice(at, 0, i);
      if (unusual.length > 20) unusual.pop();
    }
    const random = rng(ctx.seed);
    const wild: Pick[] = [];
    for (let i = 0; i < wildcards && unusual.length > 0; i++) {
      const [w] = unusual.splice(Math.floor(random() * Math.min(unusual.length, 20)), 1);
      wild.push({ ...pick(w!), wildcard: true });
    }
    const picks = ranked.slice(0, ctx.count - wild.length);
    wild.forEach((w, i) => picks.splice(Math.min(picks.length, 3 + i * 4), 0, w));

    const likedIds = new Set(
      Object.entries(ctx.user.signals)
        .filter(([, s]) => s === 'up' || s === 'watchlist')
        .map(([id]) => Number(id)),
    );
    const liked = likedIds.size > 0 ? ctx.movies.filter((m) => likedIds.has(m.movieId)) : [];
    const phrase = targetPhrase(ctx.target.dominant, ctx.target.strategy);
    const emotion = ctx.target.dominant;
    // A mood-led list says it fits the mood; a tone is named only where the film's profile clearly carries it.
    const moodLed = strength >= 0.5;
    const learned = learnedTone(ctx.user.moodMap, emotion);
    return picks.map((p) => {
      const reasons: Reason[] = [];
      const named = reasonTones(p.movie.profile.tones, ctx.target);
      if (named.length > 0 || moodLed) reasons.push({ kind: 'mood', phrase, emotion, tones: named });
      if (learned && p.movie.profile.tones[learned] >= (SHIPPED_TONE_MODEL.reasonAt[learned] ?? LEARNED_REASON_AT))
        reasons.push({ kind: 'learned', emotion, tone: learned });
      if (p.wildcard) reasons.push({ kind: 'wildcard' });
      const personal = becauseYouLiked(p.movie, liked, ctx.factors) ?? contentReason(p.movie, ctx.user);
      if (personal) reasons.push(personal);
      const rating = ratingReason(p.movie);
      if (rating && reasons.length < 3) reasons.push(rating);
      // At least two things said of every pick, the second plainly true of the film.
      if (reasons.length < 2) reasons.push(factReason(p.movie));
      return { ...p, reasons };
    });
  },
};

/** How likely a film must carry a learned tone for "you often pick … when …" to be said of it (without a stricter mark). */
const LEARNED_REASON_AT = 0.5;

/** Something plainly true of any title: its director, or its genres. */
function factReason(m: Movie): Reason {
  return m.directors.length > 0
    ? { kind: 'director', name: m.directors[0]! }
    : { kind: 'genres', genres: m.genres.slice(0, 2) };
}

export const RANKERS: readonly Ranker[] = [popularityRanker, collaborativeRanker, moodRanker];

/**
 * "More like this": the titles most like `seed` (same franchise, shared audience, shared genres and director, see
 * `similarity`), nudged by quality, through the same filters and MMR as the picks; each says what it is like.
 */
export function moreLikeThis(seed: Movie, ctx: Omit<RankContext, 'target'>): Pick[] {
  const ok = eligibility(ctx);
  const pool = sortedPicks(
    ctx.movies.filter((m) => m.movieId !== seed.movieId && ok(m)),
    (m) => similarity(seed, m, ctx.factors) + 0.15 * qualityPrior(m),
  ).slice(0, RANK_WEIGHTS.pool);
  return mmr(pool, ctx.count, ctx.diversity, ctx.factors).map((p) => {
    const rating = ratingReason(p.movie);
    return { ...p, reasons: [{ kind: 'moreLike', title: seed.title }, ...(rating ? [rating] : [])] };
  });
}
