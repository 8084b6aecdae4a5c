/**
 * The privacy page: what Moodreel keeps (counted per store), the promise that no image is kept or sent, and the
 * user's data out (JSON), back in, or gone.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/theme.css';
import type { StoreCounts } from '../../models/store/backup';
import { errorText } from '../../models/error-text';
import { ProtocolError } from '../../models/messaging';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useLoaded } from '../../components/useLoaded';
import { useAction } from '../../components/useAction';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatNumber, localizePage, t } from '../../components/i18n';
import { loadSettings } from '../shared/settings';
import { applyTheme } from '../shared/theme';
import { askBackground } from '../shared/background-client';

const ask = askBackground;

/** Each store with the message keys of its name and of what it holds (`store_<key>`, `store_<key>_what`). */
const STORES: (keyof StoreCounts)[] = ['feedback', 'seen', 'watchlist', 'history', 'settings', 'tmdbCache', 'movies'];

function PrivacyPage() {
  const counts = useLoaded(() => ask({ type: 'privacy-counts' }), 'storage-unreadable');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  /** An export, import or deletion; its failure in the browser's storage shows under the buttons. */
  const action = useAction();

  useEffect(() => {
    void loadSettings().then((s) => applyTheme(s.theme));
  }, []);

  async function exportAll() {
    setMessage(null);
    const data = await ask({ type: 'privacy-export' });
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `moodreel-export-${new Date(data.exportedAt).toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setMessage({ kind: 'ok', text: t('exported') });
  }

  async function importFile(file: File) {
    setMessage(null);
    try {
      const data: unknown = JSON.parse(await file.text());
      counts.setValue(await ask({ type: 'privacy-import', data: data as Record<string, unknown> }));
      setMessage({ kind: 'ok', text: t('imported') });
    } catch (error) {
      // A file that is not an export says what is wrong with it; a storage failure is the action's problem.
      if (error instanceof ProtocolError && error.code !== 'invalid-message') throw error;
      const text = error instanceof SyntaxError ? t('notJson') : errorText(error);
      setMessage({ kind: 'error', text: t('importFailed', text) });
    }
  }

  async function deleteAll() {
    setMessage(null);
    counts.setValue(await ask({ type: 'privacy-delete' }));
    setMessage({ kind: 'ok', text: t('deleted') });
  }

  return (
    <main class="page">
      <h1>{t('privacyTitle')}</h1>
      <p data-testid="no-images">
        <strong>{t('noImages')}</strong> {t('noImagesMore')}
      </p>
      <section class="mood">
        <h2>{t('whatStored')}</h2>
        <table class="counts" data-testid="counts">
          <thead>
            <tr>
              <th scope="col">{t('colStore')}</th>
              <th scope="col">{t('colEntries')}</th>
              <th scope="col">{t('colWhat')}</th>
            </tr>
          </thead>
          <tbody>
            {STORES.map((s) => (
              <tr key={s}>
                <th scope="row">{t(`store_${s}`)}</th>
                <td data-testid={`count-${s}`}>{counts.value ? formatNumber(counts.value[s]) : '…'}</td>
                <td>{t(`store_${s}_what`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {counts.problem && <ProblemNotice code={counts.problem} action={{ label: t('tryAgain'), run: counts.retry }} />}
        <p class="tagline">{t('settingsWhere')}</p>
      </section>
      <section class="mood" data-testid="take-or-wipe">
        <h2>{t('takeOrWipe')}</h2>
        <div class="row">
          <button type="button" onClick={() => void action.run('storage-unreadable', exportAll)} data-testid="export">
            {t('exportAll')}
          </button>
          <label class="button">
            {t('importFile')}
            <input
              type="file"
              accept="application/json,.json"
              class="visually-hidden"
              data-testid="import"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) void action.run('storage-failed', () => importFile(file));
                e.currentTarget.value = '';
              }}
            />
          </label>
          <ConfirmButton
            label={t('deleteAll')}
            confirmLabel={t('deleteConfirm')}
            keepLabel={t('deleteCancel')}
            onConfirm={() => void action.run('delete-failed', deleteAll)}
            waiting={action.busy}
            danger
            testId="delete"
          />
        </div>
        {message && (
          <p
            role={message.kind === 'error' ? 'alert' : 'status'}
            class={message.kind === 'error' ? 'notice' : ''}
            data-testid="privacy-message"
          >
            {message.text}
          </p>
        )}
        {action.problem && <ProblemNotice code={action.problem} />}
      </section>
    </main>
  );
}

localizePage('privacyTitle');
render(<PrivacyPage />, document.getElementById('app')!);
