/** What may be picked at all: the user's filters, and the titles their feedback or the last lists rule out. */
import type { Movie } from '../catalogue/movie';
import type { UserModel } from '../learning/user-model';
import { turnsDown } from '../learning/signals';

export interface Filters {
  includeSeen: boolean;
  excludedGenres: string[];
  /** Original languages to keep; empty keeps all. */
  languages: string[];
  /**
   * Under a language filter, keep titles whose original language is not known (most of the catalogue: leaving them
   * out shrinks it to the few titles of known language).
   */
  unknownLanguage: boolean;
  yearMin: number | null;
  yearMax: number | null;
  adult: boolean;
  /** The longest runtime to pick ("How long have I got"); titles of unknown length are left out under it. */
  maxMinutes?: number | null;
}

/** The runtimes "How long have I got" offers, in minutes (null: any). */
export const TIME_CHOICES = [null, 100, 120] as const;

export const DEFAULT_FILTERS: Filters = {
  includeSeen: false,
  excludedGenres: [],
  languages: [],
  unknownLanguage: true,
  yearMin: null,
  yearMax: null,
  adult: false,
};

/**
 * A catalogue's facts the filters read most, as columns (null as NaN), kept once per catalogue: the ranker scans every
 * title, and reading these beats visiting every title's object.
 */
export interface CatalogueFacts {
  /** movieId → the title's position in the catalogue. */
  position: Map<number, number>;
  adult: Uint8Array;
  year: Float64Array;
  runtime: Float64Array;
}

const factsCache = new WeakMap<readonly Movie[], CatalogueFacts>();

export function catalogueFacts(movies: readonly Movie[]): CatalogueFacts {
  let facts = factsCache.get(movies);
  if (!facts) {
    facts = {
      position: new Map(movies.map((m, i) => [m.movieId, i])),
      adult: Uint8Array.from(movies, (m) => (m.adult ? 1 : 0)),
      year: Float64Array.from(movies, (m) => m.year ?? NaN),
      runtime: Float64Array.from(movies, (m) => m.runtime ?? NaN),
    };
    factsCache.set(movies, facts);
  }
  return facts;
}

/**
 * Per title of `movies`, 1 where it may be picked: the filters, less the titles the user hid, watchlisted, saw or
 * liked (unless asked), or was just shown.
 */
export function eligibleMask(ctx: {
  movies: readonly Movie[];
  filters: Filters;
  user: UserModel;
  exclude?: ReadonlySet<number>;
}): Uint8Array {
  const f = ctx.filters;
  const { position, adult, year, runtime } = catalogueFacts(ctx.movies);
  const ok = new Uint8Array(ctx.movies.length).fill(1);
  const block = (id: number) => {
    const i = position.get(id);
    if (i !== undefined) ok[i] = 0;
  };
  for (const id of ctx.exclude ?? []) block(id);
  for (const [id, signal] of Object.entries(ctx.user.signals)) {
    // Watchlisted titles have their own list; liked ones were seen.
    if (signal === 'down' || signal === 'not-interested' || signal === 'watchlist' || !f.includeSeen) block(Number(id));
  }
  const excluded = new Set(f.excludedGenres);
  const languages = new Set(f.languages);
  // Comparisons with NaN (an unknown year or runtime) are false, so a title of unknown year or length is left out
  // whenever a bound is set.
  for (let i = 0; i < ctx.movies.length; i++) {
    if (!ok[i]) continue;
    if (
      (!f.adult && adult[i]) ||
      (f.yearMin !== null && !(year[i]! >= f.yearMin)) ||
      (f.yearMax !== null && !(year[i]! <= f.yearMax)) ||
      (f.maxMinutes && !(runtime[i]! <= f.maxMinutes))
    )
      ok[i] = 0;
    else if (excluded.size > 0 || languages.size > 0) {
      const m = ctx.movies[i]!;
      if (
        m.genres.some((g) => excluded.has(g)) ||
        (languages.size > 0 && (m.language === null ? !f.unknownLanguage : !languages.has(m.language)))
      )
        ok[i] = 0;
    }
  }
  return ok;
}

export function eligible(ctx: Parameters<typeof eligibleMask>[0]): Movie[] {
  const ok = eligibleMask(ctx);
  return ctx.movies.filter((_, i) => ok[i]);
}

/**
 * Whether a list left on screen may be shown again as it was: the filters (changed since, perhaps) allow every title
 * on it, and the user has turned none of them down since. Cards they kept (liked, seen, watchlisted) stay.
 */
export function showableAgain(movies: readonly Movie[], filters: Filters, user: UserModel): boolean {
  const rejected = Object.entries(user.signals).filter(([, s]) => turnsDown(s));
  const ok = eligibleMask({ movies, filters, user: { ...user, signals: Object.fromEntries(rejected) } });
  return ok.every(Boolean);
}
