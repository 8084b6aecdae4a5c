import type { FeedbackSignal } from '../models/learning/signals';
import { useState } from 'preact/hooks';
import type { PickView } from '../models/protocol';
import { reasonMessage } from '../models/recommend/reasons';
import { formatNumber, genreList, t, tm, type MessageKey } from './i18n';
import { displayTitle, watchQuery } from '../models/catalogue/movie';
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

/** A "Watch on …" search link for a title on a streaming service. */
export interface WatchOn {
  name: string;
  searchUrl: (query: string) => string;
}

export function PickCard({
  pick,
  onFeedback,
  busy,
  watchOn,
  onMoreLike,
  poster,
  marked = null,
}: {
  pick: PickView;
  onFeedback: (signal: FeedbackSignal) => void;
  busy: boolean;
  watchOn?: WatchOn;
  onMoreLike: () => void;
  poster: string | null;
  /** How the user kept this card, if they did: it stays, marked. */
  marked?: FeedbackSignal | null;
}) {
  const [posterFailed, setPosterFailed] = useState(false);
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
        <p class="pick-meta">{meta}</p>
        <p class="pick-reason" data-testid="pick-reason">
          {pick.reasons.map((r) => tm(reasonMessage(r))).join(' · ')}
        </p>
        {watchOn && (
          <a class="watch-on" href={watchOn.searchUrl(watchQuery(m))} target="_blank" rel="noopener noreferrer">
            {t('watchOn', watchOn.name)}
          </a>
        )}
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
        </div>
      </div>
    </li>
  );
}
