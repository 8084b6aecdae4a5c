/** Where a film streams with a subscription, as a card says it: TMDB's offers for the user's region, briefly. */
import type { TmdbMovieDetails } from '../protocol';

/** The services a title streams on with a subscription in the user's region: none listed there is none. */
export const offersOf = (details: Pick<TmdbMovieDetails, 'providers'>): string[] => details.providers?.flatrate ?? [];

/** A card names at most this many services (and counts the rest: "+2"). */
export const MAX_SERVICES_NAMED = 2;

/**
 * The services to name: those `first` picks out (the user's own) first, the rest in TMDB's order; an offer that is
 * another's with a note ("Netflix basic with Ads" beside "Netflix", "Max Amazon Channel" beside "Max") is that
 * service once; `more` counts the services not named.
 */
export function servicesToName(
  offers: readonly string[],
  first: (name: string) => boolean = () => false,
  max = MAX_SERVICES_NAMED,
): { names: string[]; more: number } {
  const unique = [...new Set(offers)];
  const services = unique.filter((name) => !unique.some((other) => other !== name && name.startsWith(`${other} `)));
  const ordered = [...services.filter(first), ...services.filter((name) => !first(name))];
  return { names: ordered.slice(0, max), more: Math.max(0, services.length - max) };
}
