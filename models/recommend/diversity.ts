/** Variety in a list: franchise keys, how alike two titles are, maximal marginal relevance, a list's leading genres. */
import type { Movie } from '../catalogue/movie';
import type { ItemFactors } from '../learning/item-factors';
import { rowCosine } from '../learning/item-factors';
import type { Pick } from './ranker';

const franchiseKeys = new WeakMap<Movie, string>();

export function franchiseOf(m: Movie): string {
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
  return similarityTo(b, factors)(a);
}

/**
 * `similarity(·, b)` with b's side (its franchise, its row of the embedding) looked up once: what MMR asks of every
 * candidate after each pick.
 */
export function similarityTo(b: Movie, factors: ItemFactors | null): (a: Movie) => number {
  const fb = franchiseOf(b);
  const rb = factors?.row.get(b.movieId);
  return (a) => {
    const fa = franchiseOf(a);
    if (fa.length > 0 && fa === fb) return 1;
    const ra = factors?.row.get(a.movieId);
    const cf = factors && ra !== undefined && rb !== undefined ? rowCosine(factors, ra, rb) : null;
    const shared = a.genres.filter((g) => b.genres.includes(g)).length;
    const jaccard = shared / (a.genres.length + b.genres.length - shared || 1);
    const director = a.directors.some((d) => b.directors.includes(d)) ? 0.3 : 0;
    const content = Math.min(1, 0.6 * jaccard + director);
    return cf === null ? content : Math.max(0, 0.6 * cf + 0.4 * content);
  };
}

/** At most `max` picks of a list for which `of` holds. */
export interface Cap {
  of: (m: Movie) => boolean;
  max: number;
}

/** Whether a list holding `held[k]` titles of each cap `k` has room for `m` under every cap it falls under. */
export function withinCaps(caps: readonly Cap[], held: readonly number[], m: Movie): boolean {
  return caps.every((c, k) => !c.of(m) || held[k]! < c.max);
}

/** Counts `m` in `held` under every cap it falls under (`by` −1: takes it out again). */
export function holdInCaps(caps: readonly Cap[], held: number[], m: Movie, by = 1): void {
  caps.forEach((c, k) => {
    if (c.of(m)) held[k]! += by;
  });
}

/** How many titles of `picks` each cap counts. */
export function capsHeld(caps: readonly Cap[], picks: readonly Pick[]): number[] {
  const held = caps.map(() => 0);
  for (const p of picks) holdInCaps(caps, held, p.movie);
  return held;
}

/**
 * The same picks, capped ones moved down: of `m` capped picks in a list of `n`, the j-th stands no earlier than place
 * ⌈j·n/(m + 1)⌉, as evenly spaced as the list allows; every pick otherwise keeps its order. The set is unchanged.
 */
export function spreadDown<T extends { movie: Movie }>(picks: readonly T[], capped: (m: Movie) => boolean): T[] {
  const n = picks.length;
  const low: number[] = [];
  const rest: number[] = [];
  picks.forEach((p, i) => (capped(p.movie) ? low : rest).push(i));
  const out: T[] = [];
  let j = 0;
  let r = 0;
  while (out.length < n) {
    // The next capped pick goes now if no other is left, or if it ranked first and its place has come.
    const due = j < low.length && out.length + 1 >= Math.ceil(((j + 1) * n) / (low.length + 1));
    const first = j < low.length && (r === rest.length || low[j]! < rest[r]!);
    out.push(picks[first && (due || r === rest.length) ? low[j++]! : rest[r++]!]!);
  }
  return out;
}

/** Maximal marginal relevance (Carbonell & Goldstein 1998): each next pick trades score against likeness to those chosen. */
export function mmr(
  pool: readonly Pick[],
  count: number,
  diversity: number,
  factors: ItemFactors | null,
  caps: readonly Cap[] = [],
): Pick[] {
  const lambda = 1 - 0.5 * Math.min(1, Math.max(0, diversity));
  const chosen: Pick[] = [];
  const taken = new Uint8Array(pool.length);
  // Each title's likeness to the closest pick so far, brought up to date with each new pick only.
  const maxSim = new Float64Array(pool.length);
  const capped = caps.map(() => 0);
  // Caps shape a list but never shorten it: once only capped titles are left, they fill the remaining places.
  let capsHold = true;
  while (chosen.length < Math.min(count, pool.length)) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (taken[i] || (capsHold && !withinCaps(caps, capped, pool[i]!.movie))) continue;
      const value = lambda * pool[i]!.score - (1 - lambda) * maxSim[i]!;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    if (best < 0) {
      if (!capsHold) break;
      capsHold = false;
      continue;
    }
    const next = pool[best]!;
    taken[best] = 1;
    holdInCaps(caps, capped, next.movie);
    chosen.push(next);
    if (chosen.length < count) {
      const toNext = similarityTo(next.movie, factors);
      for (let i = 0; i < pool.length; i++) if (!taken[i]) maxSim[i] = Math.max(maxSim[i]!, toNext(pool[i]!.movie));
    }
  }
  return chosen;
}

/** The `n` genres most picks share. */
export function leadingGenres(picks: readonly Pick[], n: number): string[] {
  const counts = new Map<string, number>();
  for (const p of picks) for (const g of p.movie.genres) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([g]) => g);
}
