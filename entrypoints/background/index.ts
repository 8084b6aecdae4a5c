import { browser } from 'wxt/browser';
import { onMessage } from '../shared/on-message';
import { defineBackground } from 'wxt/utils/define-background';
import {
  BACKGROUND_MESSAGES,
  isOffscreenReadyNotice,
  parseBackgroundRequest,
  CONTENT_SCRIPT_REQUESTS,
  type BackgroundApi,
  type BackgroundRequest,
  type OffscreenApi,
  type PrivacyCounts,
} from '../../models/protocol';
import {
  createClient,
  guardedListener,
  okReply,
  ProtocolError,
  senderIsContentScript,
  senderIsExtensionPage,
  type SenderInfo,
  type Reply,
} from '../../models/messaging';
import { getMovies, searchTitles, withoutSearchFields, type TitlesElsewhere } from '../../models/store/catalogue';
import { openDatabase, type Database } from '../../models/store/db';
import { deleteUserData, exportUserData, importUserData, parseUserData, storeCounts } from '../../models/store/backup';
import { forgetHistoryEntry, latestMood, listHistory, updateHistory } from '../../models/store/history';
import { listMarks, listWatchlist, loadUserModel, resetMoodMap } from '../../models/store/user';
import { savePosterLook } from '../../models/store/tmdb';
import { moodMapSummary } from '../../models/learning/mood-map';
import { signalsOf } from '../../models/learning/user-model';
import { migrateSettings } from '../../models/settings';
import { clearSettings, loadSettings, saveSettings, watchSettings } from '../shared/settings';
import { forgetChoices, forgetChoicesOf } from '../shared/check-choices';
import { forgetClosedPage } from '../shared/closed-page';
import { forgetMissedCheck } from '../shared/missed-check';
import { catalogueBusy, catalogueWriting, ensureCatalogue, importSettled } from './catalogue';
import { setUpFrameMenu } from './frame-menu';
import { checkMood, checkRunning, checksKept, keepMood } from './mood-check';
import { captureWithOverlayAside, tellOverlays } from './overlays';
import {
  catalogueTitles,
  searchCatalogue,
  forgetShownPosterLooks,
  keptList,
  leaveWatchlist,
  recommend,
  recordFeedback,
  forgetFeedbackOf,
  restoreFeedbackOf,
  warmPicks,
} from './recommend';
import { lastTmdbState, refreshFromTmdb, REFRESH_ALARM, scheduleRefresh, tmdbDetails } from './tmdb';
import {
  closeIfIdle,
  closeOffscreen,
  ensureOffscreen,
  IDLE_ALARM,
  inUseWhile,
  offscreenReady,
  offscreenSupported,
} from './offscreen-host';
import { errorText } from '../../models/error-text';

const askOffscreen = createClient<OffscreenApi>((message) => browser.runtime.sendMessage(message));

/**
 * Runs `ask` against the offscreen document, creating it first; one retry covers a document that was just closed.
 * The document is closed again once unused for a while (offscreen-host).
 */
async function viaOffscreen<T>(ask: () => Promise<T>): Promise<T> {
  if (!offscreenSupported()) throw new ProtocolError('unsupported', 'This browser cannot run the analysis page.');
  return inUseWhile(async () => {
    for (let attempt = 0; ; attempt++) {
      await ensureOffscreen();
      try {
        return await ask();
      } catch (error) {
        if (error instanceof ProtocolError && error.code !== 'invalid-message') throw error;
        if (attempt >= 1) throw error;
      }
    }
  });
}

type Handler<K extends keyof BackgroundApi> = (
  request: BackgroundApi[K]['request'],
  sender: SenderInfo,
) => Promise<BackgroundApi[K]['response']>;

/**
 * Titles the database lacks while an import writes them back, from the catalogue the ranker holds in memory (read
 * from the file the import writes from). Otherwise none: a complete import holds every shipped title. A damaged file
 * stops the import before it touches the database, which then still holds what it held.
 */
const titlesMeanwhile: TitlesElsewhere = (movieIds) =>
  catalogueBusy() ? catalogueTitles(movieIds).catch(() => []) : Promise.resolve([]);

/** Each store counted, and whether the count of titles is still growing (an import writing them). */
async function privacyCounts(db: Database): Promise<PrivacyCounts> {
  return { ...(await storeCounts(db)), catalogueLoading: await catalogueWriting() };
}

/** A write of the user's marks; once it has landed, the overlays in open tabs follow it. */
async function marksChange<T>(write: Promise<T>): Promise<T> {
  const done = await write;
  tellOverlays('marks');
  return done;
}

const handlers: { [K in keyof BackgroundApi]: Handler<K> } = {
  'analyze-image': (r) => viaOffscreen(() => askOffscreen({ ...r, type: 'offscreen:analyze' })),
  'check-mood': (r) =>
    checkMood(r, (image) =>
      viaOffscreen(() =>
        askOffscreen({ type: 'offscreen:analyze', image, detector: r.detector, backend: 'auto', video: r.video }),
      ),
    ),
  'check-running': async () => ({ running: checkRunning() }),
  // Answers once the face model is ready; the catalogue loads alongside without holding the answer.
  'warm-up': async (r) => {
    void warmPicks().catch((error: unknown) => console.warn('Moodreel: could not load the catalogue early', error));
    if (!offscreenSupported()) return { ready: false };
    await viaOffscreen(() => askOffscreen({ type: 'offscreen:warm-up', detector: r.detector, backend: 'auto' }));
    return { ready: true };
  },
  // A content script (the overlay, which steps aside itself) captures its own tab's window; extension pages (the
  // popup) the current window, with the overlay there out of the way.
  'capture-tab': async (_r, sender) => {
    try {
      const options = { format: 'jpeg', quality: 92 } as const;
      const windowId = sender.tab?.windowId;
      return windowId === undefined
        ? await captureWithOverlayAside(() => browser.tabs.captureVisibleTab(options))
        : { image: await browser.tabs.captureVisibleTab(windowId, options), video: null };
    } catch (error) {
      // A failure that says what it is (a video in picture-in-picture) is told as it is.
      if (error instanceof ProtocolError) throw error;
      throw new ProtocolError('capture-failed', `Could not capture this tab: ${errorText(error)}`);
    }
  },
  'reset-inference': async () => ({ closed: offscreenSupported() ? await closeOffscreen() : false }),
  'inference-stats': () => viaOffscreen(() => askOffscreen({ type: 'offscreen:stats' })),
  'movies-get': async (r) =>
    (await getMovies(await openDatabase(), r.movieIds, titlesMeanwhile)).map(withoutSearchFields),
  // While an import writes, the database cannot tell a title missing from one not yet written: the titles in memory
  // answer (first run, an update; where they cannot be read, the search waits). The check at a worker's start is
  // waited for: it takes far less than reading the shipped titles.
  'movies-search': async (r) => {
    if (await catalogueWriting()) {
      const found = await searchCatalogue(r.query, r.limit).catch(() => null);
      if (found) return found;
    }
    await importSettled();
    return (await searchTitles(await openDatabase(), r.query, r.limit)).map(withoutSearchFields);
  },
  recommend: (r) => recommend(r),
  'kept-list': (r) => keptList(r.movieIds),
  feedback: (r) => marksChange(recordFeedback(r)),
  'tmdb-refresh': () => refreshFromTmdb(),
  'tmdb-status': () => lastTmdbState(),
  'tmdb-details': (r) => tmdbDetails(r.tmdbId),
  'poster-look': async (r) => {
    const saved = await savePosterLook(await openDatabase(), r.tmdbId, r.look);
    forgetShownPosterLooks();
    return { saved };
  },
  'mood-record': async (r) => ({ id: await keepMood(r.mood, r.picks) }),
  'mood-latest': async () => latestMood(await openDatabase()),
  // A check the popup sent before it closed is in the list once kept: the popup opened again shows it.
  'history-list': async (r) => {
    await checksKept();
    return listHistory(await openDatabase(), r.limit);
  },
  'history-update': async (r) => {
    const updated = await updateHistory(await openDatabase(), r.id, r);
    if (updated && r.corrected) tellOverlays('mood');
    return { updated };
  },
  'history-forget': async (r) => {
    const forgotten = await forgetHistoryEntry(await openDatabase(), r.id);
    await forgetChoicesOf(r.id);
    if (forgotten) tellOverlays('mood');
    return { forgotten };
  },
  'watchlist-list': async () => listWatchlist(await openDatabase(), titlesMeanwhile),
  'watchlist-remove': (r) => marksChange(leaveWatchlist(r.movieId)),
  'feedback-undo': (r) =>
    marksChange(forgetFeedbackOf({ eventId: r.eventId }).then((undone) => ({ undone: undone.length > 0 }))),
  'feedback-restore': (r) => marksChange(restoreFeedbackOf(r.events).then(() => ({ restored: true as const }))),
  'marks-list': async (r) => listMarks(await openDatabase(), r.limit, r.only, titlesMeanwhile),
  'marks-of': async (r) => signalsOf(await loadUserModel(await openDatabase()), r.movieIds),
  'mark-forget': (r) => marksChange(forgetFeedbackOf({ movieId: r.movieId }).then((forgotten) => ({ forgotten }))),
  'mood-map-reset': async () => {
    await resetMoodMap(await openDatabase());
    return { reset: true };
  },
  'mood-map-status': async () => moodMapSummary((await loadUserModel(await openDatabase())).moodMap),
  'privacy-counts': async () => privacyCounts(await openDatabase()),
  'privacy-export': async () => exportUserData(await openDatabase(), await loadSettings(), Date.now()),
  'privacy-import': async (r) => {
    let data;
    try {
      data = parseUserData(r.data);
    } catch (error) {
      throw new ProtocolError('invalid-message', errorText(error));
    }
    const db = await openDatabase();
    await importUserData(db, data);
    await saveSettings(migrateSettings(data.settings));
    tellOverlays('mood');
    tellOverlays('marks');
    return privacyCounts(db);
  },
  'privacy-delete': async () => {
    const db = await openDatabase();
    await deleteUserData(db);
    forgetShownPosterLooks();
    await clearSettings();
    await forgetChoices();
    await forgetClosedPage().catch((error: unknown) => console.warn('Moodreel: refused read not forgotten', error));
    await forgetMissedCheck();
    tellOverlays('mood');
    tellOverlays('marks');
    return privacyCounts(db);
  },
  'catalogue-ensure': () => ensureCatalogue(),
};

async function handle(request: BackgroundRequest, sender: SenderInfo): Promise<Reply<unknown>> {
  const handler = handlers[request.type] as (r: BackgroundRequest, s: SenderInfo) => Promise<unknown>;
  return okReply(await handler(request, sender));
}

export default defineBackground(() => {
  const origin = browser.runtime.getURL('/');
  // Every worker start (install, update, browser start, wake-up) checks the catalogue; a complete one costs a read.
  void ensureCatalogue().catch((error: unknown) => console.error('Moodreel: catalogue import failed', error));
  void scheduleRefresh();
  setUpFrameMenu();
  watchSettings(() => void scheduleRefresh());
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void refreshFromTmdb();
    if (alarm.name === IDLE_ALARM) void closeIfIdle();
  });
  const listener = guardedListener({
    context: 'background',
    parse: parseBackgroundRequest,
    senderOk: (sender, type) =>
      senderIsExtensionPage(sender, browser.runtime.id, origin) ||
      (senderIsContentScript(sender, browser.runtime.id) &&
        (CONTENT_SCRIPT_REQUESTS as readonly string[]).includes(type)),
    foreignMessage: 'Only Moodreel pages may ask for this.',
    handle,
    failsAs: (request) => BACKGROUND_MESSAGES[request.type].failsAs,
  });
  onMessage((raw, sender) => {
    if (isOffscreenReadyNotice(raw)) {
      offscreenReady();
      return undefined;
    }
    return listener(raw, sender);
  });
});
