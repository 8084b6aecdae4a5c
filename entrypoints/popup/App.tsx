/**
 * The popup: a mood check from the camera (3-2-1, then a short burst), this tab's video or an image file (picked or
 * dropped); the mood with its picks, which the user can correct; their history and watchlist.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { HistoryView } from '../../components/HistoryView';
import { MoodPanel } from '../../components/MoodPanel';
import { t } from '../../components/i18n';
import { ProblemNotice } from '../../components/ProblemNotice';
import { Picks } from '../../components/Picks';
import { Snapshot } from '../../components/Snapshot';
import { usePicks } from '../../components/usePicks';
import { WatchlistView } from '../../components/WatchlistView';
import type { Movie } from '../../models/catalogue/movie';
import { EMOTIONS, type Emotion } from '../../models/mood/emotions';
import { correctedMood, moodFromBurst, moodSummary, type Mood } from '../../models/mood/mood';
import type { ProblemCode } from '../../models/problems';
import type { AnalysisResult } from '../../models/protocol';
import { MAX_IMAGE_DATA_URL_LENGTH } from '../../models/image/data-url';
import { ProtocolError } from '../../models/messaging';
import type { MoodSource } from '../../models/mood/summary';
import { DEFAULT_SETTINGS, type Settings } from '../../models/settings';
import { registeredSites } from '../../models/sites';
import type { HistoryEntry } from '../../models/store/schema';
import { loadSettings, saveSetting } from '../shared/settings';
import { applyTheme } from '../shared/theme';
import { burst, CameraError, cameraPermission } from './camera';
import { askBackground } from '../shared/background-client';
import { displayTitle } from '../../models/catalogue/movie';

const ask = askBackground;
const sites = registeredSites();

/** Frames in a webcam burst, and the time between them. */
const BURST = { frames: 3, gapMs: 250 } as const;

type Found = Extract<Mood, { kind: 'mood' }>;
type State =
  | { kind: 'idle' }
  | { kind: 'working'; step: string; count?: number }
  | {
      kind: 'done';
      image: string;
      analysis: AnalysisResult;
      mood: Found;
      historyId: number | null;
      corrected: Emotion | null;
    }
  | { kind: 'problem'; code: ProblemCode; image?: string };
type View = 'mood' | 'history' | 'watchlist';

class FileProblem extends Error {}

function problemOf(error: unknown): ProblemCode {
  if (error instanceof CameraError || error instanceof ProtocolError) return error.code;
  if (error instanceof FileProblem) return 'bad-image';
  return 'inference-failed';
}

function warnHistory(error: unknown): void {
  console.warn('Moodreel: history not saved', error);
}

function readFile(file: File): Promise<string> {
  if (!file.type.startsWith('image/')) return Promise.reject(new FileProblem(`${file.type || 'unknown'} file`));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      typeof reader.result === 'string' && reader.result.length <= MAX_IMAGE_DATA_URL_LENGTH
        ? resolve(reader.result)
        : reject(new FileProblem('too large'));
    reader.onerror = () => reject(new FileProblem('unreadable'));
    reader.readAsDataURL(file);
  });
}

export function App() {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [view, setView] = useState<View>('mood');
  const [dragging, setDragging] = useState(false);
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [titles, setTitles] = useState<Map<number, string>>(new Map());
  const [watchlist, setWatchlist] = useState<{ movie: Movie; at: number }[] | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void loadSettings().then((s) => {
      setSettings(s);
      applyTheme(s.theme);
    });
  }, []);

  // Picks follow the mood, the strategy, the variety and the user's feedback at once.
  const mood = state.kind === 'done' ? state.mood : null;
  const picks = usePicks(ask, mood, { posters: settings.tmdbApiKey !== '' });

  // History keeps the picks first shown for each check.
  const recordedPicks = useRef<number | null>(null);
  const historyId = state.kind === 'done' ? state.historyId : null;
  useEffect(() => {
    if (historyId === null || !picks.picks || recordedPicks.current === historyId) return;
    recordedPicks.current = historyId;
    const ids = picks.picks.map((p) => p.movie.movieId);
    void ask({ type: 'history-update', id: historyId, picks: ids, corrected: null }).catch(warnHistory);
  }, [historyId, picks.picks]);

  // A correction reaches history even when it was made before the check was recorded.
  const corrected = state.kind === 'done' ? state.corrected : null;
  useEffect(() => {
    if (historyId !== null && corrected)
      void ask({ type: 'history-update', id: historyId, picks: null, corrected }).catch(warnHistory);
  }, [historyId, corrected]);

  useEffect(() => {
    if (view === 'history') {
      void ask({ type: 'history-list', limit: 50 }).then(async (entries) => {
        const ids = [...new Set(entries.flatMap((e) => e.picks.slice(0, 5)))].slice(0, 1000);
        const movies = ids.length > 0 ? await ask({ type: 'movies-get', movieIds: ids }) : [];
        setTitles(new Map(movies.map((m) => [m.movieId, displayTitle(m.title)])));
        setHistory(entries);
      });
    }
    if (view === 'watchlist') void ask({ type: 'watchlist-list' }).then(setWatchlist);
  }, [view]);

  async function analyse(images: string[], source: MoodSource) {
    setState({ kind: 'working', step: t('stepReading') });
    const results: AnalysisResult[] = [];
    for (const image of images) {
      results.push(await ask({ type: 'analyze-image', image, detector: settings.detector, backend: 'auto' }));
    }
    const found = moodFromBurst(results.map((r) => r.faces));
    // Show the frame with the most faces (the last of equals): what the user sees is what was read.
    let shown = results.length - 1;
    results.forEach((r, i) => {
      if (r.faces.length > results[shown]!.faces.length) shown = i;
    });
    const image = images[shown]!;
    if (found.kind === 'no-face') return setState({ kind: 'problem', code: 'no-face', image });
    setState({ kind: 'done', image, analysis: results[shown]!, mood: found, historyId: null, corrected: null });
    try {
      const { id } = await ask({ type: 'mood-record', mood: moodSummary(found, source), picks: [] });
      setState((s) => (s.kind === 'done' && s.image === image ? { ...s, historyId: id } : s));
    } catch (error) {
      warnHistory(error);
    }
  }

  async function run(source: MoodSource, capture: () => Promise<string[] | null>) {
    setView('mood');
    try {
      const images = await capture();
      if (images) await analyse(images, source);
    } catch (error) {
      console.warn('Moodreel: mood check failed', error);
      setState({ kind: 'problem', code: problemOf(error) });
    }
  }

  const fromCamera = () =>
    run('camera', async () => {
      if ((await cameraPermission()) !== 'granted') {
        // Popups cannot show the permission prompt: ask once on a page of our own.
        setState({ kind: 'problem', code: 'camera-permission' });
        await browser.tabs.create({ url: browser.runtime.getURL('/camera.html') });
        return null;
      }
      setState({ kind: 'working', step: t('stepLook') });
      return burst(BURST.frames, BURST.gapMs, (n) =>
        setState({ kind: 'working', step: n > 0 ? t('stepLook') : t('stepSnap'), count: n }),
      );
    });

  const fromTab = () =>
    run('tab', async () => {
      setState({ kind: 'working', step: t('stepCapturing') });
      return [(await ask({ type: 'capture-tab' })).image];
    });

  const fromFile = (file: File) =>
    run('file', async () => {
      setState({ kind: 'working', step: t('stepOpening') });
      return [await readFile(file)];
    });

  function correct(emotion: Emotion) {
    if (state.kind !== 'done') return;
    setState({ ...state, mood: correctedMood(emotion, state.mood.faceCount), corrected: emotion });
  }

  const busy = state.kind === 'working';
  const services = sites
    .filter((s) => (settings.services as string[]).includes(s.id))
    .map((s) => ({ name: s.name, searchUrl: s.searchUrl }));
  return (
    <main
      class="popup"
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer?.files[0];
        if (file && !busy) void fromFile(file);
      }}
    >
      <header class="brand">
        <h1>{t('extName')}</h1>
        <p class="tagline">{t('tagline')}</p>
      </header>
      <div class="tabs" role="tablist" aria-label={t('viewsLabel')}>
        {(['mood', 'history', 'watchlist'] as const).map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            id={`tab-${v}`}
            aria-selected={view === v}
            aria-controls={`panel-${v}`}
            data-testid={`tab-${v}`}
            onClick={() => setView(v)}
          >
            {t(v === 'mood' ? 'tabMood' : v === 'history' ? 'tabHistory' : 'tabWatchlist')}
          </button>
        ))}
      </div>

      {view === 'mood' && (
        <section id="panel-mood" role="tabpanel" aria-labelledby="tab-mood" class="popup-panel">
          <div class="actions-3">
            <button
              type="button"
              class="primary"
              onClick={fromCamera}
              disabled={busy}
              data-testid="check-camera"
              autoFocus
            >
              📷 {t('checkCamera')}
            </button>
            <button type="button" onClick={fromTab} disabled={busy} data-testid="check-tab">
              🎬 {t('checkTab')}
            </button>
            <button type="button" onClick={() => fileInput.current?.click()} disabled={busy} data-testid="check-file">
              🖼 {t('checkFile')}
            </button>
          </div>
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            class="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="file-input"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void fromFile(file);
            }}
          />
          {dragging && <p class="drop-hint">{t('dropHint')}</p>}
          {state.kind === 'working' && (
            <div role="status" data-testid="working">
              {state.count !== undefined && state.count > 0 && (
                <p class="countdown" data-testid="countdown" aria-live="assertive">
                  {state.count}
                </p>
              )}
              <p class="working">{state.step}</p>
            </div>
          )}
          {state.kind === 'problem' && <ProblemNotice code={state.code} />}
          {state.kind === 'problem' && state.image && <Snapshot src={state.image} width={1} height={1} boxes={[]} />}
          {state.kind === 'done' && (
            <>
              <Snapshot
                src={state.image}
                width={state.analysis.image.width}
                height={state.analysis.image.height}
                boxes={state.analysis.faces.map((f) => f.box)}
              />
              <MoodPanel mood={state.mood} analysis={state.analysis} />
              <label class="correct">
                {t('notRight')}{' '}
                <select
                  value={state.corrected ?? ''}
                  data-testid="correct-mood"
                  onChange={(e) => {
                    const v = e.currentTarget.value as Emotion;
                    if ((EMOTIONS as readonly string[]).includes(v)) correct(v);
                  }}
                >
                  <option value="">{t('asRead')}</option>
                  {EMOTIONS.map((e) => (
                    <option key={e} value={e}>
                      {t(`emotion_${e}`)}
                    </option>
                  ))}
                </select>
              </label>
              <Picks {...picks} />
            </>
          )}
          {state.kind === 'idle' && <p class="tagline">{t('idleHint')}</p>}
        </section>
      )}
      {view === 'history' && (
        <section id="panel-history" role="tabpanel" aria-labelledby="tab-history" class="popup-panel">
          <HistoryView entries={history} titles={titles} />
        </section>
      )}
      {view === 'watchlist' && (
        <section id="panel-watchlist" role="tabpanel" aria-labelledby="tab-watchlist" class="popup-panel">
          <WatchlistView
            items={watchlist}
            services={services}
            onRemove={(movieId) =>
              void ask({ type: 'watchlist-remove', movieId }).then(() =>
                setWatchlist((w) => (w ?? []).filter((x) => x.movie.movieId !== movieId)),
              )
            }
          />
        </section>
      )}

      <footer class="settings row">
        <label>
          {t('faceDetector')}{' '}
          <select
            value={settings.detector}
            data-testid="detector"
            onChange={(e) => {
              const detector = e.currentTarget.value === 'ssd' ? 'ssd' : 'tiny';
              setSettings({ ...settings, detector });
              void saveSetting('detector', detector);
            }}
          >
            <option value="tiny">{t('detectorFast')}</option>
            <option value="ssd">{t('detectorAccurate')}</option>
          </select>
        </label>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()} data-testid="open-options">
          {t('options')}
        </button>
        <button
          type="button"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/privacy.html') })}
          data-testid="open-privacy"
        >
          {t('yourData')}
        </button>
      </footer>
    </main>
  );
}
