import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/theme.css';
import { Notice } from '../../components/Notice';
import { problemText, type CameraProblem } from '../../models/problems';
import { localizePage, t } from '../../components/i18n';
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
      <h1>{t('cameraTitle')}</h1>
      <p>{t('cameraWhy')}</p>
      {state.kind === 'asking' && <p role="status">{t('cameraWaiting')}</p>}
      {state.kind === 'granted' && (
        <section class="mood" role="status" data-testid="camera-granted">
          <p class="notice-title">✅ {t('cameraReady')}</p>
          <p>{t('cameraNext')}</p>
        </section>
      )}
      {state.kind === 'problem' && (
        <Notice
          code={state.code}
          title={t(problemText(state.code).title)}
          action={{ label: t('tryAgain'), run: () => void ask() }}
        >
          {t(state.code === 'camera-denied' ? 'cameraBlockedHowTo' : problemText(state.code).body)}
        </Notice>
      )}
    </main>
  );
}

localizePage('cameraTitle');
render(<CameraPage />, document.getElementById('app')!);
