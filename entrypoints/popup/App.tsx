import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { MoodPanel } from '../../components/MoodPanel';
import { Picks } from '../../components/Picks';
import type { FeedbackSignal } from '../../models/learning/user-model';
import type { Strategy } from '../../models/recommend/mood-target';
import { Notice } from '../../components/Notice';
import { Snapshot } from '../../components/Snapshot';
import { moodFromFaces, type Mood } from '../../models/mood/mood';
import { PROBLEMS, type ProblemCode } from '../../models/problems';
import {
  createClient,
  ProtocolError,
  type AnalysisResult,
  type BackgroundApi,
  type PickView,
} from '../../models/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../../models/settings';
import { CameraError, cameraPermission, snapshot } from './camera';
import { loadSettings, saveSettings } from '../shared/settings';

const ask = createClient<BackgroundApi>((message) => browser.runtime.sendMessage(message));

type State =
  | { kind: 'idle' }
  | { kind: 'working'; step: string }
  | { kind: 'done'; image: string; analysis: AnalysisResult; mood: Extract<Mood, { kind: 'mood' }> }
  | { kind: 'problem'; code: ProblemCode; image?: string };

function problemOf(error: unknown): ProblemCode {
  if (error instanceof CameraError || error instanceof ProtocolError) return error.code;
  return 'inference-failed';
}

const PICK_COUNT = 10;

export function App() {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [picks, setPicks] = useState<PickView[] | null>(null);
  const [strategy, setStrategy] = useState<Strategy>('match');
  const [diversity, setDiversity] = useState(0.5);
  const [seed, setSeed] = useState(1);
  const [exclude, setExclude] = useState<number[]>([]);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    void loadSettings().then(setSettings);
  }, []);

  // Picks follow the mood, the strategy, the variety and the user's feedback at once.
  const mood = state.kind === 'done' ? state.mood : null;
  useEffect(() => {
    if (!mood) return;
    let current = true;
    setPicks(null);
    ask({
      type: 'recommend',
      probabilities: mood.probabilities,
      confidence: mood.confidence,
      strategy,
      diversity,
      count: PICK_COUNT,
      seed,
      exclude,
    })
      .then((p) => current && setPicks(p))
      .catch((error: unknown) => {
        console.warn('Moodreel: picks failed', error);
        if (current) setPicks([]);
      });
    return () => {
      current = false;
    };
  }, [mood, strategy, diversity, seed, exclude]);

  async function feedback(movieId: number, signal: FeedbackSignal) {
    setSending(true);
    try {
      await ask({ type: 'feedback', movieId, signal });
      setSeed((s) => s + 1);
    } finally {
      setSending(false);
    }
  }

  async function analyse(image: string) {
    setState({ kind: 'working', step: 'Reading the mood…' });
    const analysis = await ask({ type: 'analyze-image', image, detector: settings.detector, backend: 'auto' });
    const mood = moodFromFaces(analysis.faces);
    setState(
      mood.kind === 'no-face' ? { kind: 'problem', code: 'no-face', image } : { kind: 'done', image, analysis, mood },
    );
  }

  async function run(capture: () => Promise<string | null>) {
    try {
      const image = await capture();
      if (image) await analyse(image);
    } catch (error) {
      console.warn('Moodreel: mood check failed', error);
      setState({ kind: 'problem', code: problemOf(error) });
    }
  }

  const fromCamera = () =>
    run(async () => {
      if ((await cameraPermission()) !== 'granted') {
        // Popups cannot show the permission prompt: ask once on a page of our own.
        setState({ kind: 'problem', code: 'camera-permission' });
        await browser.tabs.create({ url: browser.runtime.getURL('/camera.html') });
        return null;
      }
      setState({ kind: 'working', step: 'Taking a snapshot…' });
      return snapshot();
    });

  const fromTab = () =>
    run(async () => {
      setState({ kind: 'working', step: 'Capturing this tab…' });
      return (await ask({ type: 'capture-tab' })).image;
    });

  const busy = state.kind === 'working';
  return (
    <main class="popup">
      <header class="brand">
        <h1>Moodreel</h1>
        <p class="tagline">Your mood, a movie to match. Nothing leaves this device.</p>
      </header>
      <div class="actions">
        <button type="button" class="primary" onClick={fromCamera} disabled={busy} data-testid="check-camera">
          📷 Check my mood
        </button>
        <button type="button" onClick={fromTab} disabled={busy} data-testid="check-tab">
          🎬 Use this tab’s video
        </button>
      </div>
      {state.kind === 'working' && (
        <p class="working" role="status" data-testid="working">
          {state.step}
        </p>
      )}
      {state.kind === 'problem' && (
        <Notice code={state.code} title={PROBLEMS[state.code].title}>
          {PROBLEMS[state.code].body}
        </Notice>
      )}
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
          <Picks
            picks={picks}
            strategy={strategy}
            diversity={diversity}
            busy={sending}
            onStrategy={setStrategy}
            onDiversity={setDiversity}
            onFeedback={(id, s) => void feedback(id, s)}
            onDifferent={() => setExclude((ex) => [...ex, ...(picks ?? []).map((p) => p.movie.movieId)].slice(-500))}
          />
        </>
      )}
      <footer class="settings">
        <label>
          Face detector{' '}
          <select
            value={settings.detector}
            data-testid="detector"
            onChange={(e) => {
              const next = { ...settings, detector: e.currentTarget.value === 'ssd' ? 'ssd' : 'tiny' } as Settings;
              setSettings(next);
              void saveSettings(next);
            }}
          >
            <option value="tiny">Fast</option>
            <option value="ssd">Accurate</option>
          </select>
        </label>
      </footer>
    </main>
  );
}
