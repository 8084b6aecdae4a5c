import type { FeedbackSignal } from '../models/learning/signals';
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { PickView } from '../models/protocol';
import { reasonMessage } from '../models/recommend/reasons';
import { formatNumber, genreList, t, tm, type MessageKey } from './i18n';
import { displayTitle, watchQuery, type Movie } from '../models/catalogue/movie';
import { streamsOnSite, type SiteAdapter } from '../models/sites/site';
import { servicesToName } from '../models/tmdb/streams';
import { WaitButton } from './WaitButton';
import { ACTIONS } from './feedbackActions';

/** What a kept card says about itself. */
const MARKS: Partial<Record<FeedbackSignal, MessageKey>> = {
  up: 'markUp',
  seen: 'markSeen',
  watchlist: 'markWatchlist',
};

/** Initials on a colour from the title's strongest tones: a poster stand-in that needs no network. */
function placeholder(pick: PickView): { initials: string; background: string } {
  const m = pick.movie;
  const initials = displayTitle(m.title)
    .split(/\s+/)
    .filter((w) => /^[A-Za-z0-9]/.test(w))
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  const hue = Math.round(((m.profile.valence + 1) / 2) * 200 + 200) % 360;
  const light = 35 + Math.round(((m.profile.arousal + 1) / 2) * 20);
  return {
    initials,
    background: `linear-gradient(135deg, hsl(${hue} 60% ${light}%), hsl(${(hue + 40) % 360} 55% ${light - 10}%))`,
  };
}

/** A streaming service a card links to (a search for the title there). */
export type WatchOn = Pick<SiteAdapter, 'name' | 'searchUrl' | 'providers'>;

/**
 * A link to the title on a streaming service: "Watch on …" where TMDB says it streams there, "Find on …" (a search)
 * where that is not known or it does not.
 */
export function WatchLink({ site, movie, streams }: { site: WatchOn; movie: Movie; streams?: readonly string[] }) {
  const there = streamsOnSite(site, streams);
  return (
    <a
      class="watch-on"
      href={site.searchUrl(watchQuery(movie))}
      target="_blank"
      rel="noopener noreferrer"
      data-testid="watch-on"
      data-streams-there={there ?? undefined}
    >
      {t(there ? 'watchOn' : 'findOn', site.name)}
    </a>
  );
}

/**
 * Where TMDB says a title streams with a subscription in the user's region, to end the line of its facts: "📺 Hulu,
 * Disney Plus +2" (a screen reader hears "Streams on …" first). Nothing where it streams nowhere there or nobody asked.
 */
export function StreamsOn({
  streams,
  yours = [],
}: {
  streams: readonly string[] | undefined;
  /** The user's services (and the site they are on): named first where the title streams there. */
  yours?: readonly WatchOn[];
}) {
  const { names, more } = servicesToName(streams ?? [], (name) => yours.some((site) => streamsOnSite(site, [name])));
  if (names.length === 0) return null;
  return (
    <>
      {/* The dot stays with the facts before it; the services go to the next line whole. */}
      {'\u00a0· '}
      <span class="pick-streams" data-testid="pick-streams">
        <span aria-hidden="true">📺 </span>
        <span class="visually-hidden">{t('streamsOn')} </span>
        {names.join(', ')}
        {more > 0 && ` +${formatNumber(more)}`}
      </span>
    </>
  );
}

/** Links to a title on streaming services, on one line. */
function WatchLinks({
  sites,
  movie,
  streams,
}: {
  sites: readonly WatchOn[];
  movie: Movie;
  streams?: readonly string[];
}) {
  if (sites.length === 0) return null;
  return (
    <p class="watch-links">
      {sites.map((site, i) => (
        <Fragment key={site.name}>
          {i > 0 && ' · '}
          <WatchLink site={site} movie={movie} streams={streams} />
        </Fragment>
      ))}
    </p>
  );
}

export function PickCard({
  pick,
  onFeedback,
  busy,
  watchOn,
  yourServices = [],
  onMoreLike,
  poster,
  streams,
  about = null,
  marked = null,
}: {
  pick: PickView;
  onFeedback: (signal: FeedbackSignal) => void;
  busy: boolean;
  /** The service the user is on (the overlay): linked whatever TMDB says. */
  watchOn?: WatchOn | undefined;
  /** The services the user has: linked where TMDB says the title streams there. */
  yourServices?: readonly WatchOn[];
  onMoreLike: () => void;
  poster: string | null;
  /** The services TMDB says it streams on in the user's region; undefined where TMDB was not asked. */
  streams?: readonly string[] | undefined;
  /** What the title is about, in TMDB's words: shown when asked for (the card stays short). */
  about?: string | null;
  /** How the user kept this card, if they did: it stays, marked. */
  marked?: FeedbackSignal | null;
}) {
  const [posterFailed, setPosterFailed] = useState(false);
  const [aboutShown, setAboutShown] = useState(false);
  const aboutId = `about-${pick.movie.movieId}`;
  /**
   * The site the user is on and their own services: named first where the title streams, and linked (the site always,
   * the rest where TMDB says the title streams there).
   */
  const theirs = [...(watchOn ? [watchOn] : []), ...yourServices.filter((s) => s !== watchOn)];
  const m = pick.movie;
  const title = displayTitle(m.title);
  const generated = placeholder(pick);
  const rating =
    m.mlMean !== null
      ? `${formatNumber(m.mlMean, 1)}★`
      : m.tmdbRating !== null
        ? `${formatNumber(m.tmdbRating, 1)}/10`
        : null;
  const meta = [m.year, m.runtime ? t('minutes', m.runtime) : null, genreList(m.genres.slice(0, 3)), rating]
    .filter(Boolean)
    .join(' · ');
  return (
    <li
      class={`pick${pick.wildcard ? ' wildcard' : ''}${marked ? ' marked' : ''}`}
      data-testid="pick"
      data-movie-id={m.movieId}
      data-marked={marked ?? undefined}
    >
      {poster && !posterFailed ? (
        <img
          class="poster"
          src={poster}
          alt=""
          loading="lazy"
          data-testid="poster"
          onError={() => setPosterFailed(true)}
        />
      ) : (
        <span class="poster" aria-hidden="true" style={{ background: generated.background }}>
          {generated.initials}
        </span>
      )}
      <div class="pick-body">
        <p class="pick-title">
          {title}
          {marked && MARKS[marked] && (
            <span class="pick-mark" data-testid="pick-mark">
              {' '}
              {t(MARKS[marked])}
            </span>
          )}
        </p>
        <p class="pick-meta">
          {meta}
          <StreamsOn streams={streams} yours={theirs} />
        </p>
        <p class="pick-reason" data-testid="pick-reason">
          {pick.reasons.map((r) => tm(reasonMessage(r))).join(' · ')}
        </p>
        <WatchLinks
          movie={m}
          streams={streams}
          sites={theirs.filter((s) => s === watchOn || streamsOnSite(s, streams))}
        />
        <div class="pick-actions" role="group" aria-label={t('feedbackOn', title)}>
          {ACTIONS.map((a) => (
            <WaitButton
              key={a.signal}
              class="icon"
              title={t(a.label)}
              aria-label={t('actionOn', t(a.label), title)}
              data-signal={a.signal}
              waiting={busy}
              onClick={() => onFeedback(a.signal)}
            >
              {a.icon}
            </WaitButton>
          ))}
          <WaitButton
            class="icon"
            title={t('moreLikeThis')}
            aria-label={t('moreLikeLabel', title)}
            data-testid="more-like"
            waiting={busy}
            onClick={onMoreLike}
          >
            ≈
          </WaitButton>
          {about && (
            <button
              type="button"
              class="icon"
              title={t('aboutFilm')}
              aria-label={t('aboutFilmLabel', title)}
              aria-expanded={aboutShown}
              aria-controls={aboutId}
              data-testid="pick-about-toggle"
              onClick={() => setAboutShown((shown) => !shown)}
            >
              ℹ️
            </button>
          )}
        </div>
        {about && aboutShown && (
          <p class="pick-about" id={aboutId} data-testid="pick-about">
            {about}
          </p>
        )}
      </div>
    </li>
  );
}
