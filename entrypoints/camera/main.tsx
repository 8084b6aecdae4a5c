import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/theme.css';
import { ProblemNotice } from '../../components/ProblemNotice';
import { problemCodeOf, type ProblemCode } from '../../models/problems';
import { localizePage, t } from '../../components/i18n';
import type { MessageKey } from '../../models/messages';
import { cameraPermission, openCamera, stopCamera } from '../popup/camera';

/** `remembered`: the browser keeps the grant for Moodreel (Firefox gives it to this tab only unless told to remember). */
type State = { kind: 'asking' } | { kind: 'granted'; remembered: boolean } | { kind: 'problem'; code: ProblemCode };

/**
 * What to do from this page, where a problem's general advice would not do: unblock the camera here, or, with none,
 * the toolbar's other sources ("this tab's video" would be this page).
 */
const HERE: Partial<Record<ProblemCode, MessageKey>> = {
  'camera-denied': 'cameraBlockedHowTo',
  'camera-missing': 'cameraMissingHere',
};

/** The page that asks for the camera once: popups and offscreen documents cannot show the browser's prompt. */
function CameraPage() {
  const [state, setState] = useState<State>({ kind: 'asking' });

  async function ask() {
    setState({ kind: 'asking' });
    try {
      stopCamera(await openCamera());
      setState({ kind: 'granted', remembered: (await cameraPermission()) === 'granted' });
    } catch (error) {
      setState({ kind: 'problem', code: problemCodeOf(error, 'camera-failed') });
    }
  }

  useEffect(() => {
    void ask();
  }, []);

  return (
    <main class="page">
      <h1>{t('cameraTitle')}</h1>
      <p>{t('cameraWhy')}</p>
      {import.meta.env.FIREFOX && state.kind === 'asking' && <p>{t('cameraRememberHint')}</p>}
      {state.kind === 'asking' && <p role="status">{t('cameraWaiting')}</p>}
      {state.kind === 'granted' && !state.remembered && (
        <section class="mood" role="status" data-testid="camera-this-tab">
          <p class="notice-title">✅ {t('cameraReady')}</p>
          <p>{t('cameraThisTabOnly')}</p>
          <p>
            <a class="button primary" href="/popup.html?in=tab" data-testid="camera-check-here">
              {t('cameraCheckHere')}
            </a>
          </p>
        </section>
      )}
      {state.kind === 'granted' && state.remembered && (
        <section class="mood" role="status" data-testid="camera-granted">
          <p class="notice-title">✅ {t('cameraReady')}</p>
          <p>{t('cameraNext')}</p>
        </section>
      )}
      {state.kind === 'problem' && (
        <ProblemNotice
          code={state.code}
          body={HERE[state.code]}
          action={{ label: t('tryAgain'), run: () => void ask() }}
        />
      )}
    </main>
  );
}

localizePage('cameraTitle');
render(<CameraPage />, document.getElementById('app')!);
