import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { MoodPanel } from '../../components/MoodPanel';
import { Picks } from '../../components/Picks';
import { Notice } from '../../components/Notice';
import { Snapshot } from '../../components/Snapshot';
import { usePicks } from '../../components/usePicks';
import { moodFromFaces, moodSummary, type Mood } from '../../models/mood/mood';
import { PROBLEMS, type ProblemCode } from '../../models/problems';
import {
  createClient,
  ProtocolError,
  type AnalysisResult,
  type BackgroundApi,
  type MoodSource,
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

export function App() {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  useEffect(() => {
    void loadSettings().then(setSettings);
  }, []);

  // Picks follow the mood, the strategy, the variety and the user's feedback at once.
  const mood = state.kind === 'done' ? state.mood : null;
  const picks = usePicks(ask, mood);

  async function analyse(image: string, source: MoodSource) {
    setState({ kind: 'working', step: 'Reading the mood…' });
    const analysis = await ask({ type: 'analyze-image', image, detector: settings.detector, backend: 'auto' });
    const mood = moodFromFaces(analysis.faces);
    if (mood.kind === 'no-face') return setState({ kind: 'problem', code: 'no-face', image });
    setState({ kind: 'done', image, analysis, mood });
    ask({ type: 'mood-record', mood: moodSummary(mood, source), picks: [] }).catch((error: unknown) =>
      console.warn('Moodreel: history not saved', error),
    );
  }

  async function run(source: MoodSource, capture: () => Promise<string | null>) {
    try {
      const image = await capture();
      if (image) await analyse(image, source);
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
      setState({ kind: 'working', step: 'Taking a snapshot…' });
      return snapshot();
    });

  const fromTab = () =>
    run('tab', async () => {
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
          <Picks {...picks} />
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
