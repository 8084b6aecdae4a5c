/**
 * The companion overlay: a small badge on the player that opens a panel of picks for the latest mood (or for the
 * frame the user asked about), with the popup's feedback actions. Positions come from the edge that measures the
 * page; this component only draws.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { untilElapsedChanges } from '../models/elapsed';
import { EMOTION_EMOJI, ranked } from '../models/mood/emotions';
import type { ShownProblem } from '../models/problems';
import type { BackgroundClient } from '../models/protocol';
import type { MoodSummary } from '../models/mood/summary';
import type { SiteAdapter } from '../models/sites/site';
import { formatAgo, t } from './i18n';
import { ProblemNotice } from './ProblemNotice';
import { Picks } from './Picks';
import { WaitButton } from './WaitButton';
import { usePicks, type PicksMood } from './usePicks';

type Ask = BackgroundClient;

/** The cards' posters over a page: none (see where the picks are drawn). */
const NO_POSTERS: Record<number, string | null> = {};

/**
 * Where the badge and the panel hang by their top-right corner: in the page next to the player (px from the
 * overlay's host), or fixed in the viewport; and how tall the panel may grow without covering the player's controls.
 */
export interface OverlayPlacement {
  fixed: boolean;
  top: number;
  left: number;
  panelMaxHeight: number;
}

export interface OverlayProps {
  site: SiteAdapter;
  /** The title being watched, when the adapter found it. */
  watching: string | null;
  placement: OverlayPlacement;
  open: boolean;
  /** The mood the picks follow: a frame read here, the latest mood check, or none (the user's taste). */
  mood:
    | (MoodSummary & {
        from: 'frame' | 'latest';
        via?: 'element' | 'screenshot';
        look?: number[] | null;
        /** When the latest check was made: the panel says how long ago (a mood from last week is not tonight's). */
        at?: number;
      })
    | null;
  /** Counts the changes to the user's marks made elsewhere: the cards follow each (see `usePicks`). */
  marksChanged: number;
  /** The user gave a TMDB key: the cards say where each title streams (asked by the background, not the page). */
  tmdb: boolean;
  reading: boolean;
  problem: ShownProblem | null;
  ask: Ask;
  onOpen: (open: boolean) => void;
  /** Null where the page has no video to read: the button is not offered. */
  onReadFrame: (() => void) | null;
  onHideHere: () => void;
  /** Just hidden on this site: "Hidden on …" with Undo, in the badge's place. */
  hidden: boolean;
  onUndoHide: () => void;
  /** The film plays and the pointer has rested: the badge fades until it moves (or the keyboard comes to it). */
  resting: boolean;
}

/**
 * A panel shorter than this (over a small player) keeps its lines for the films: what is being watched moves from its
 * own line to the heading's tooltip.
 */
const SHORT_PANEL_PX = 300;

/** No mood yet: an even mood, so the picks lean on what the user likes. */
const TASTE: PicksMood = {
  probabilities: { neutral: 1, happy: 0, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 },
  confidence: 0,
};

/** Draws again each time "how long ago" `at` was would read otherwise: a panel may stay open through a film. */
function useAgoKeptTrue(at: number | undefined): void {
  const [, redraw] = useState(0);
  useEffect(() => {
    if (at === undefined) return;
    let timer: ReturnType<typeof setTimeout>;
    const wait = () => {
      // A little late rather than early: a timer may fire before its time.
      timer = setTimeout(
        () => {
          redraw((n) => n + 1);
          wait();
        },
        untilElapsedChanges(at, Date.now()) + 50,
      );
    };
    wait();
    return () => clearTimeout(timer);
  }, [at]);
}

export function Overlay(props: OverlayProps) {
  const panel = useRef<HTMLElement>(null);
  const badge = useRef<HTMLButtonElement>(null);
  const undoHide = useRef<HTMLButtonElement>(null);
  /** Closed from inside the panel (✕ or Escape): focus goes back to the badge rather than to nowhere. */
  const refocusBadge = useRef(false);
  const close = () => {
    refocusBadge.current = true;
    props.onOpen(false);
  };
  const mood = props.mood;
  const picksMood = mood ?? TASTE;
  const picks = usePicks(props.ask, props.open ? picksMood : null, {
    marksChanged: props.marksChanged,
    details: props.tmdb,
  });
  // A new mood here (a frame read, another title) gets picks for it, not titles like one chosen on the last list;
  // before paint, so the old "more like" line does not flash.
  useLayoutEffect(() => picks.onBackToMood(), [mood]);
  const dominant = mood ? ranked(mood.probabilities)[0]! : null;
  useAgoKeptTrue(props.open && mood?.from === 'latest' ? mood.at : undefined);

  // Focus moves as the panel or the badge appears (a layout effect: before the next event can land elsewhere).
  useLayoutEffect(() => {
    if (props.open) panel.current?.querySelector<HTMLElement>('.overlay-close')?.focus();
    else if (refocusBadge.current) badge.current?.focus();
    refocusBadge.current = false;
  }, [props.open]);
  // Hidden from the panel: the keyboard goes to Undo rather than to the top of the page.
  useLayoutEffect(() => {
    if (props.hidden) undoHide.current?.focus();
  }, [props.hidden]);

  const p = props.placement;
  const watchingLine = props.watching && t('overlayWatching', props.watching);
  const short = p.panelMaxHeight < SHORT_PANEL_PX;
  const style = { position: p.fixed ? 'fixed' : 'absolute', top: `${p.top}px`, left: `${p.left}px` };
  if (props.hidden) {
    return (
      <p class="overlay-badge overlay-hidden" style={style} role="status" data-testid="overlay-hidden">
        {props.site.id === 'generic' ? t('overlayHiddenHere') : t('overlayHiddenOn', props.site.name)}{' '}
        <button type="button" ref={undoHide} onClick={props.onUndoHide} data-testid="overlay-unhide">
          {t('undo')}
        </button>
      </p>
    );
  }
  if (!props.open) {
    return (
      <button
        type="button"
        ref={badge}
        class={props.resting ? 'overlay-badge resting' : 'overlay-badge'}
        style={style}
        aria-expanded="false"
        aria-label={t('overlayShow')}
        data-testid="overlay-badge"
        onClick={() => props.onOpen(true)}
      >
        <span aria-hidden="true">🎬</span> {t('extName')}
      </button>
    );
  }
  return (
    <section
      ref={panel}
      class="overlay-panel"
      style={{ ...style, maxHeight: `${p.panelMaxHeight}px` }}
      role="dialog"
      aria-label={t('overlayLabel')}
      data-testid="overlay-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <header class="overlay-head" title={short && watchingLine ? watchingLine : undefined}>
        <p class="overlay-title" data-via={mood?.via}>
          {dominant ? (
            <>
              <span aria-hidden="true">{EMOTION_EMOJI[dominant]}</span>{' '}
              <span class="overlay-mood-word" data-testid="overlay-mood">
                {t(`emotion_${dominant}`)}
              </span>
              <span class="overlay-sub">
                {' '}
                · {mood!.from === 'frame' ? t('overlayFromFrame') : t('overlayFromLatest')}
                {mood!.from === 'latest' && mood!.at !== undefined && (
                  <span data-testid="overlay-mood-when"> ({formatAgo(mood!.at)})</span>
                )}
              </span>
            </>
          ) : (
            <span data-testid="overlay-mood">{t('overlayTaste')}</span>
          )}
        </p>
        <button type="button" class="icon overlay-close" aria-label={t('overlayClose')} onClick={close}>
          ✕
        </button>
      </header>
      {watchingLine && !short && (
        <p class="overlay-watching" data-testid="overlay-watching">
          {watchingLine}
        </p>
      )}
      <div class="overlay-actions">
        {props.onReadFrame && (
          <WaitButton onClick={props.onReadFrame} waiting={props.reading} data-testid="overlay-read-frame">
            {props.reading ? t('overlayReading') : `🎞 ${t('overlayReadFrame')}`}
          </WaitButton>
        )}
        <button type="button" onClick={props.onHideHere} data-testid="overlay-hide">
          {props.site.id === 'generic' ? t('overlayHideHere') : t('overlayHideOn', props.site.name)}
        </button>
      </div>
      {props.problem && <ProblemNotice {...props.problem} />}
      {/* No posters over the page: their requests would tell TMDB's image server which site the user is on. */}
      <Picks {...picks} posters={NO_POSTERS} watchOn={props.site} />
    </section>
  );
}
