/** What may be picked at all: the user's filters, and the titles their feedback or the last lists rule out. */
import type { Movie } from '../catalogue/movie';
import type { UserModel } from '../learning/user-model';

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

/** The runtimes "How long have I got" offers, in minutes (null: any). */
export const TIME_CHOICES = [null, 100, 120] as const;

export const DEFAULT_FILTERS: Filters = {
  includeSeen: false,
  excludedGenres: [],
  languages: [],
  yearMin: null,
  yearMax: null,
  adult: false,
};

/** The filters, plus titles the user hid, watchlisted, saw or liked (unless asked), or was just shown. */
export function eligibility(ctx: {
  filters: Filters;
  user: UserModel;
  exclude?: ReadonlySet<number>;
}): (m: Movie) => boolean {
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

export function eligible(ctx: Parameters<typeof eligibility>[0] & { movies: readonly Movie[] }): Movie[] {
  return ctx.movies.filter(eligibility(ctx));
}
