/**
 * The companion overlay on streaming sites (and, after a right-click on a video, on any page): one site adapter
 * finds the player and the title; a badge in a shadow root opens a panel of picks. Observers are scoped to the
 * page body, throttled, and all stop with the content script's context or when the user turns the overlay off.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { onMessage } from '../shared/on-message';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Overlay, type OverlayPlacement, type OverlayProps } from '../../components/Overlay';
import { uiLanguage } from '../../components/i18n';
// Inlined into the shadow root: no web-accessible file lets pages probe for the extension.
import overlayCss from '../../components/overlay.css?inline';
import { moodFromBurst, moodSummary } from '../../models/mood/mood';
import { noFaceProblem, problemCodeOf, type ShownProblem } from '../../models/problems';
import { OVERLAY_MESSAGES, parseOverlayRequest, type OverlayReadFrameRequest } from '../../models/protocol';
import { guardedListener, okReply, senderIsBackground } from '../../models/messaging';
import type { Settings } from '../../models/settings';
import { registeredSites, siteForHost } from '../../models/sites';
import { isPlayerSized } from '../../models/sites/site';
import { loadSettings, saveSetting, watchSettings } from '../shared/settings';
import { applyTheme } from '../shared/theme';
import { FrameError, frameClickedIn, mediaBySource, readFrame } from './frame';
import { followFullScreen } from './full-screen';
import { locate, type Located } from './locate';
import { largestPlayer, largestVideo, pageVideo, WALK_REUSED_MS } from '../shared/page-video';
import { askBackground } from '../shared/background-client';

/**
 * The panel's open-or-closed memory per site refused by a full storage: it still opens or closes on this page; only
 * the memory of it is lost, which is not worth a notice over the film. (Hiding on a site is a setting: see hideHere.)
 */
const warnUnsaved = (error: unknown) => console.warn('Moodreel: overlay setting not saved', error);

/** How long "Hidden on …" stays with its Undo after the overlay is hidden on a site. */
const HIDE_UNDO_MS = 6_000;

/** The longest the overlay stays out of the way for a capture the popup asked for, should it not be told to come back. */
const ASIDE_MAX_MS = 3_000;

/** Room left free at the bottom of the player for its own controls. */
const CONTROLS_SPACE = 96;
/**
 * While the film plays, the badge fades once the pointer has rested through a whole look this long (so one to two of
 * them after its last move), as a player's own controls do.
 */
const REST_MS = 3_000;
/** Page activity (mutations, scrolling, resizing) is looked at no more than this often. */
const MUTATION_THROTTLE_MS = 400;
/**
 * On a page where no player was found (a browse page), no more often than this: each look goes through the page (the
 * site's selectors, its videos, now and then a walk for shadow roots) for a player that such a page seldom brings.
 */
const NO_PLAYER_THROTTLE_MS = 2_000;

/** Main-thread time the overlay spent on page activity (read by `npm run overlay:bench` in this isolated world). */
const cost = { busyMs: 0, runs: 0, since: performance.now() };
(globalThis as { __moodreelOverlayCost?: typeof cost }).__moodreelOverlayCost = cost;

function timed<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    const start = performance.now();
    try {
      fn(...args);
    } finally {
      cost.busyMs += performance.now() - start;
      cost.runs++;
    }
  };
}

/**
 * Where the badge and panel go, or null where they do not belong: a page without a player-sized player (a consent
 * page, an error page, a channel's home) shows nothing unless the user asked for a frame. Next to a visible player
 * they are placed in the page (relative to our zero-size, absolutely positioned host), so they scroll with the player
 * and need no work per scroll; with the player scrolled away they wait in the viewport's bottom-right corner.
 */
function placementFor(player: Element | null, host: Element, open: boolean, forced: boolean): OverlayPlacement | null {
  // Nothing to place: no size is read, for a read makes the browser lay out the changed page at once.
  if (!forced && !player) return null;
  const r = player?.getBoundingClientRect();
  if (!forced && (!r || !isPlayerSized(r))) return null;
  const vw = document.documentElement.clientWidth || window.innerWidth;
  const vh = window.innerHeight;
  if (r && r.width >= 120 && r.bottom > 60 && r.top < vh - 60) {
    const origin = host.getBoundingClientRect();
    const top = Math.max(8, r.top + 12);
    const bottom = Math.min(vh, r.bottom) - CONTROLS_SPACE;
    return {
      fixed: false,
      top: top - origin.top,
      left: Math.min(vw - 8, r.right - 12) - origin.left,
      panelMaxHeight: Math.max(220, Math.min(vh - top - 8, bottom - top)),
    };
  }
  return { fixed: true, top: open ? 64 : vh - 56, left: vw - 24, panelMaxHeight: vh - 88 };
}

export default defineContentScript({
  matches: registeredSites().flatMap((s) => [...s.matches]),
  cssInjectionMode: 'manual',
  async main(ctx) {
    const sites = registeredSites();
    const generic = sites.find((s) => s.id === 'generic')!;
    const site = siteForHost(location.hostname, sites) ?? generic;
    const ask = askBackground;
    const origin = browser.runtime.getURL('/');

    let settings: Settings | null = null;
    let located: Located = { site, player: null, video: null, title: null };
    let open = false;
    /** Shown because the user asked for a frame, even where the overlay is turned off. */
    let forced = false;
    /** Just hidden on this site: the overlay says so, with Undo, until this timer ends. */
    let hiding: ReturnType<typeof setTimeout> | null = null;
    let mood: OverlayProps['mood'] = null;
    /** Counts the changes to the user's marks made elsewhere (the popup over this page): the cards follow each. */
    let marksChanged = 0;
    /** Out of the way for a capture the popup asked for, until this timer ends (or the word to come back). */
    let asideFor: ReturnType<typeof setTimeout> | null = null;
    let reading = false;
    let problem: ShownProblem | null = null;
    let lastContextMedia: HTMLVideoElement | HTMLImageElement | null = null;
    /** The frame of the page last read from a right-click inside it (another site's player): the panel stands by it. */
    let framed: { el: HTMLIFrameElement; request: OverlayReadFrameRequest } | null = null;
    let ui: ShadowRootContentScriptUi<HTMLElement> | null = null;
    /** The pointer has rested a whole REST_MS (or longer) while the film played: the badge fades until it moves. */
    let rest = false;
    /** Whether the pointer moved (or the film started) since the last look; see restLater. */
    let moved = false;
    let restTimer: ReturnType<typeof setTimeout> | null = null;
    let drawnResting = false;
    let active: AbortController | null = null;
    /**
     * Follows the box of what the badge stands by: a player resized in place (theatre mode, the page's own layout)
     * changes no node the page's observer sees, and the badge and panel would keep the old size's places.
     */
    let sizes: ResizeObserver | null = null;
    let sized: Element | null = null;

    // Registered first, so a right-click that injected this script finds it listening.
    onMessage(
      guardedListener({
        context: 'overlay',
        parse: parseOverlayRequest,
        senderOk: (sender) => senderIsBackground(sender, browser.runtime.id, origin),
        foreignMessage: 'Only Moodreel may ask this page.',
        handle: async (request) => {
          if (request.type === 'overlay:ping') return okReply({ alive: true });
          if (request.type === 'overlay:aside') {
            await asideForCapture(request.aside);
            return okReply({
              aside: request.aside,
              ...(request.aside ? pageVideo(located.video ?? framedShown() ?? largestPlayer()) : { video: null }),
            });
          }
          if (request.type === 'overlay:changed') {
            if (request.what === 'mood') await followLatest();
            else {
              marksChanged += 1;
              draw();
            }
            return okReply({ followed: true });
          }
          void readFrameFor(request);
          return okReply({ started: true });
        },
        failsAs: (request) => OVERLAY_MESSAGES[request.type].failsAs,
      }),
    );
    ctx.addEventListener(
      document,
      'contextmenu',
      (e) => {
        // The element under the pointer, inside a shadow root too (the event's target is then the root's host).
        lastContextMedia =
          e.composedPath().find((n) => n instanceof HTMLVideoElement || n instanceof HTMLImageElement) ?? null;
      },
      { capture: true, passive: true },
    );

    const shown = () => forced || hiding !== null || (settings?.overlay[site.id] ?? false);

    /** "Hidden on …" ends now (undone, refused, or the overlay gone), its timer with it. */
    function endHiding() {
      if (hiding) clearTimeout(hiding);
      hiding = null;
    }

    /** The frame last read from inside it, while it is in the page. */
    const framedShown = () => (framed?.el.isConnected ? framed.el : null);
    /** What the badge and panel stand by: the player found, else the frame last read from inside it. */
    const player = () => located.player ?? framedShown();

    /** Draws the overlay; `placement` when the caller has just measured it (measuring forces a layout). */
    function draw(placement = ui ? placementFor(player(), ui.shadowHost, open, forced) : null) {
      if (!ui?.mounted) return;
      drawnResting = !open && rest && playing();
      drawn = JSON.stringify([located.site.id, located.title, placement]);
      if (!placement) {
        render(null, ui.mounted);
        return;
      }
      render(
        <Overlay
          site={located.site}
          watching={located.title}
          placement={placement}
          open={open}
          mood={mood}
          marksChanged={marksChanged}
          tmdb={(settings?.tmdbApiKey ?? '') !== ''}
          reading={reading}
          problem={problem}
          ask={ask}
          onOpen={setOpen}
          onReadFrame={readAgain()}
          onHideHere={() => void hideHere()}
          hidden={hiding !== null}
          resting={drawnResting}
          onUndoHide={() => void undoHide()}
        />,
        ui.mounted,
      );
    }

    let drawn = '';

    /** The panel's "read this frame": the page's video, else the frame last read from inside it. */
    function readAgain(): (() => void) | null {
      if (located.video) {
        return () => void readFrameFor({ type: 'overlay:read-frame', srcUrl: null, mediaType: 'video', inFrame: null });
      }
      const again = framedShown() && framed!.request;
      return again ? () => void readFrameFor(again) : null;
    }

    function playing(): boolean {
      const video = located.video;
      return video !== null && !video.paused && !video.ended;
    }

    /**
     * Looks every REST_MS whether the pointer moved meanwhile; when it did not and the film plays, the badge rests.
     * The pointer is listened to once per look (a one-shot listener), not at each of its moves.
     */
    function restLater() {
      if (restTimer) return;
      restTimer = setTimeout(() => {
        restTimer = null;
        listenForPointer();
        if (moved) {
          moved = false;
          restLater();
        } else if (playing()) {
          rest = true;
          if (!drawnResting) draw();
        }
      }, REST_MS);
    }

    /** The pointer moved, or the film started: the badge shows again, and rests once the pointer has rested. */
    const wake = timed(() => {
      moved = true;
      if (rest) {
        rest = false;
        draw();
      }
      restLater();
    });
    /** The film stopped: the badge stays until it plays again. */
    const stopped = timed(() => {
      rest = false;
      if (drawnResting) draw();
    });

    /** The document and the shadow roots of players whose play and pause the badge follows, this activation. */
    let followedRoots = new WeakSet<Document | ShadowRoot>();

    /**
     * Follows the play and pause of the videos in `root`: caught on their way down, for they do not bubble, and
     * listened to in a player's shadow root too, for they do not leave it.
     */
    function followPlayback(root: Document | ShadowRoot) {
      const signal = active?.signal;
      if (!signal || signal.aborted || followedRoots.has(root)) return;
      followedRoots.add(root);
      root.addEventListener('play', wake, { capture: true, signal });
      for (const type of ['pause', 'ended']) root.addEventListener(type, stopped, { capture: true, signal });
    }

    function listenForPointer() {
      const signal = active?.signal;
      if (!signal || signal.aborted) return;
      for (const type of ['pointermove', 'pointerdown'])
        window.addEventListener(type, wake, { once: true, passive: true, signal });
    }

    /** Finds the player again and redraws only when something the overlay shows has changed. */
    const refresh = timed(() => {
      located = locate(site, generic);
      const root = located.video?.getRootNode();
      if (root instanceof ShadowRoot) followPlayback(root);
      followSize(player());
      if (!ui) return;
      // The page removed our host (a SPA re-render): mount again, into a fresh container that must be drawn.
      if (!ui.shadowHost.isConnected) mount();
      const placement = placementFor(player(), ui.shadowHost, open, forced);
      if (JSON.stringify([located.site.id, located.title, placement]) !== drawn) draw(placement);
    });

    function followSize(shown: Element | null) {
      if (!sizes || shown === sized) return;
      sizes.disconnect();
      sized = shown;
      if (shown) sizes.observe(shown);
    }

    function mount() {
      ui?.mount();
      if (ui) followFullScreen(ui.shadowHost, document.body);
      if (ui && settings) applyTheme(settings.theme, ui.shadowHost);
      drawn = '';
    }

    async function start() {
      if (active || ctx.isInvalid) return;
      active = new AbortController();
      const signal = active.signal;
      followedRoots = new WeakSet();
      ui ??= await createShadowRootUi(ctx, {
        name: 'moodreel-overlay',
        position: 'inline',
        anchor: 'body',
        append: 'last',
        isolateEvents: true,
        // Our own reset (overlay.css) instead of WXT's `!important` one, which would beat the host's inline style.
        inheritStyles: true,
        css: overlayCss,
        onMount(container, _shadow, host) {
          // A zero-size fixed host: the page's layout never moves for it.
          host.setAttribute('style', 'position:absolute;top:0;left:0;width:0;height:0;margin:0;border:0;padding:0;');
          // It speaks the browser's language, not the page's: screen readers voice it so, and line breaks follow it.
          // Said on the shadow tree's own <html> (WXT's isolated root), which would otherwise have no language.
          container.parentElement?.setAttribute('lang', uiLanguage());
          const root = document.createElement('div');
          container.append(root);
          return root;
        },
        onRemove(root) {
          if (root) render(null, root);
        },
      });
      if (signal.aborted) return;
      mount();
      refresh();

      // Page activity only schedules a look, at most every MUTATION_THROTTLE_MS (NO_PLAYER_THROTTLE_MS without one).
      let timer: ReturnType<typeof setTimeout> | null = null;
      const later = () => {
        timer ??= setTimeout(
          () => {
            timer = null;
            refresh();
          },
          located.player || forced ? MUTATION_THROTTLE_MS : NO_PLAYER_THROTTLE_MS,
        );
      };
      const schedule = timed(later);
      sizes = new ResizeObserver(schedule);
      followSize(player());
      // Without a player, one look more once the page has been still for as long as a walk for shadow roots is
      // reused: the looks before may all have reused a walk older than the last change, and a still page brings no
      // other (a web component's player opened in place would never be found).
      let lastChange = 0;
      let still: ReturnType<typeof setTimeout> | null = null;
      const whenStill = () => {
        const quiet = performance.now() - lastChange;
        still = quiet > WALK_REUSED_MS ? null : setTimeout(whenStill, WALK_REUSED_MS + 50 - quiet);
        if (!still && !located.player && !forced) refresh();
      };
      const observer = new MutationObserver(
        timed(() => {
          later();
          lastChange = performance.now();
          still ??= setTimeout(whenStill, WALK_REUSED_MS + 50);
        }),
      );
      observer.observe(document.body, { childList: true, subtree: true });
      window.addEventListener('scroll', schedule, { capture: true, passive: true, signal });
      window.addEventListener('resize', schedule, { passive: true, signal });
      followPlayback(document);
      listenForPointer();
      restLater();
      document.addEventListener(
        'fullscreenchange',
        timed(() => {
          if (ui) followFullScreen(ui.shadowHost, document.body);
          refresh();
        }),
        { signal },
      );
      signal.addEventListener('abort', () => {
        observer.disconnect();
        sizes?.disconnect();
        sizes = sized = null;
        if (timer) clearTimeout(timer);
        if (still) clearTimeout(still);
        if (restTimer) clearTimeout(restTimer);
        restTimer = null;
        endHiding();
        ui?.remove();
      });
    }

    function stop() {
      active?.abort();
      active = null;
    }

    ctx.addEventListener(window, 'wxt:locationchange', () => {
      // Another title: a frame read on the previous one no longer applies; the latest mood check does.
      if (mood?.from === 'frame') {
        mood = null;
        followLatest().catch((error: unknown) => console.warn('Moodreel: latest mood not read', error));
      }
      problem = null;
      refresh();
    });
    ctx.onInvalidated(stop);

    function setOpen(next: boolean) {
      open = next;
      draw();
      if (!settings) return;
      // One write, issued at once from the copy the settings watch keeps fresh.
      const overlayOpen = [...settings.overlayOpen.filter((s) => s !== site.id), ...(next ? [site.id] : [])];
      settings = { ...settings, overlayOpen };
      saveSetting('overlayOpen', overlayOpen).catch(warnUnsaved);
    }

    /**
     * Turns the overlay off on this site once that is saved, saying so with Undo for a moment; refused (a full
     * storage), it stays and says so.
     */
    async function hideHere() {
      if (!(await saveOverlayHere(false))) return;
      forced = false;
      open = false;
      hiding = setTimeout(() => {
        hiding = null;
        if (!shown()) stop();
        else draw();
      }, HIDE_UNDO_MS);
      draw();
    }

    /** Undo: on again on this site, the panel open as it was. */
    async function undoHide() {
      if (!(await saveOverlayHere(true))) return;
      endHiding();
      setOpen(true);
    }

    /** The overlay on or off on this site, saved; false (and the problem shown) when the storage refuses it. */
    async function saveOverlayHere(on: boolean): Promise<boolean> {
      if (!settings) return false;
      const overlay = { ...settings.overlay, [site.id]: on };
      try {
        await saveSetting('overlay', overlay);
      } catch (error) {
        warnUnsaved(error);
        problem = { code: 'storage-failed' };
        // The panel, where the problem shows (over "Hidden on …", whose Undo was what failed).
        open = true;
        endHiding();
        draw();
        return false;
      }
      problem = null;
      settings = { ...settings, overlay };
      return true;
    }

    /** Hides the overlay until `stepBack`; resolves once the page is painted without it. */
    async function stepAside(): Promise<void> {
      ui?.shadowHost.style.setProperty('display', 'none');
      // Two frames and a beat, so the compositor has painted the page without the overlay; a tab that is not shown
      // gets no frames at all, so never wait longer than a moment.
      await Promise.race([
        new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)))),
        new Promise((done) => setTimeout(done, 300)),
      ]);
    }

    function stepBack() {
      if (asideFor) clearTimeout(asideFor);
      asideFor = null;
      ui?.shadowHost.style.removeProperty('display');
    }

    /**
     * Out of the way while the popup captures the tab: back when told, or by itself after ASIDE_MAX_MS. Only the open
     * panel is in the way; the badge in the player's corner is not worth the wait for a repaint.
     */
    async function asideForCapture(aside: boolean) {
      if (!aside) return stepBack();
      if (!open) return;
      if (asideFor) clearTimeout(asideFor);
      asideFor = setTimeout(stepBack, ASIDE_MAX_MS);
      await stepAside();
    }

    /** A screenshot of the tab with the overlay hidden, so the panel never covers the video it reads. */
    async function captureTabWithoutOverlay(): Promise<string> {
      await stepAside();
      try {
        return (await ask({ type: 'capture-tab' })).image;
      } finally {
        stepBack();
      }
    }

    async function readFrameFor(request: OverlayReadFrameRequest) {
      forced = true;
      open = true;
      reading = true;
      problem = null;
      await start();
      refresh();
      try {
        const inFrame = request.inFrame && frameClickedIn(request.inFrame);
        framed = inFrame ? { el: inFrame, request } : null;
        const el = request.inFrame
          ? inFrame
          : mediaBySource(request.srcUrl, request.mediaType, lastContextMedia ?? located.video ?? largestVideo());
        if (!el) throw new FrameError('no-video');
        const { image, via } = await readFrame(el, captureTabWithoutOverlay);
        const analysis = await ask({
          type: 'analyze-image',
          image,
          detector: settings?.detector ?? 'tiny',
          backend: 'auto',
          video: null,
        });
        const found = moodFromBurst([analysis]);
        if (found.kind === 'no-face') {
          // A frame of a video gets a video's advice, a picture a picture's, not the camera's.
          problem = noFaceProblem(analysis.picture, el instanceof HTMLImageElement ? 'noFaceInImage' : 'noFaceInFrame');
        } else {
          const summary = moodSummary(found, 'video');
          // The frame's look goes to the picks (a scene of a film: films that look like it); history keeps the mood only.
          mood = { ...summary, from: 'frame', via, look: analysis.look };
          ask({ type: 'mood-record', mood: summary, picks: [] }).catch((error: unknown) =>
            console.warn('Moodreel: history not saved', error),
          );
        }
      } catch (error) {
        problem = { code: problemCodeOf(error, 'inference-failed') };
        if (!(error instanceof FrameError)) console.warn('Moodreel: could not read this frame', error);
      } finally {
        reading = false;
        draw();
      }
    }

    /**
     * The latest mood check as it stands now (the picks follow it), unless a frame read on this page leads. Unchanged,
     * nothing is drawn: the list on screen stays.
     */
    async function followLatest() {
      const frameLeads = () => mood?.from === 'frame';
      if (frameLeads()) return;
      const latest = await ask({ type: 'mood-latest' });
      // A frame read meanwhile leads too.
      if (frameLeads()) return;
      const next: OverlayProps['mood'] = latest && { ...latest, from: 'latest' };
      if (JSON.stringify(next) === JSON.stringify(mood)) return;
      mood = next;
      draw();
    }

    settings = await loadSettings();
    open = settings.overlayOpen.includes(site.id);
    await followLatest().catch(() => undefined);
    // Only now: a settings change seen earlier would draw the panel before the latest mood is known, and the mood
    // arriving afterwards would reload picks the user is already looking at.
    watchSettings(() => {
      if (ctx.isInvalid) return;
      void loadSettings().then((next) => {
        settings = next;
        if (ui) applyTheme(next.theme, ui.shadowHost);
        if (shown()) void start();
        else stop();
      });
    });
    if (shown()) await start();
  },
});
