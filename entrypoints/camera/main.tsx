import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/theme.css';
import { Notice } from '../../components/Notice';
import { PROBLEMS, type CameraProblem } from '../../models/problems';
import { CameraError, openCamera, stopCamera } from '../popup/camera';

type State = { kind: 'asking' } | { kind: 'granted' } | { kind: 'problem'; code: CameraProblem };

/** The page that asks for the camera once: popups and offscreen documents cannot show the browser's prompt. */
function CameraPage() {
  const [state, setState] = useState<State>({ kind: 'asking' });

  async function ask() {
    setState({ kind: 'asking' });
    try {
      stopCamera(await openCamera());
      setState({ kind: 'granted' });
    } catch (error) {
      setState({ kind: 'problem', code: error instanceof CameraError ? error.code : 'camera-failed' });
    }
  }

  useEffect(() => {
    void ask();
  }, []);

  return (
    <main class="page">
      <h1>Moodreel needs your camera once</h1>
      <p>
        Moodreel reads the mood on your face from a single snapshot. The picture is analysed on this device and thrown
        away at once: no image is kept or sent anywhere.
      </p>
      {state.kind === 'asking' && <p role="status">Waiting for your answer to the browser’s camera prompt…</p>}
      {state.kind === 'granted' && (
        <section class="mood" role="status" data-testid="camera-granted">
          <p class="notice-title">✅ Camera ready.</p>
          <p>Click the Moodreel button in the toolbar and press “Check my mood”. You can close this tab.</p>
        </section>
      )}
      {state.kind === 'problem' && (
        <Notice
          code={state.code}
          title={PROBLEMS[state.code].title}
          action={{ label: 'Try again', run: () => void ask() }}
        >
          {state.code === 'camera-denied'
            ? 'The camera is blocked for Moodreel. Click the camera icon in the address bar (or open the browser’s site settings for this extension), allow the camera, then press Try again.'
            : PROBLEMS[state.code].body}
        </Notice>
      )}
    </main>
  );
}

render(<CameraPage />, document.getElementById('app')!);
