/**
 * The privacy page: what Moodreel keeps (counted per store), the promise that no image is kept or sent, and the
 * user's data out (JSON), back in, or gone.
 */
import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import '../../components/theme.css';
import {
  exportedEntries,
  MAX_EXPORT_BYTES,
  parseUserData,
  storedEntries,
  type StoreCounts,
  type UserData,
} from '../../models/store/backup';
import { errorText } from '../../models/error-text';
import { ProtocolError } from '../../models/messaging';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useLoaded } from '../../components/useLoaded';
import { useOnReturn } from '../../components/useOnReturn';
import { useAction } from '../../components/useAction';
import { ConfirmButton } from '../../components/ConfirmButton';
import { formatDateTime, formatNumber, localizePage, t } from '../../components/i18n';
import { loadSettings } from '../shared/settings';
import { applyTheme } from '../shared/theme';
import { askBackground } from '../shared/background-client';

const ask = askBackground;

/** Each store with the message keys of its name and of what it holds (`store_<key>`, `store_<key>_what`). */
const STORES: (keyof StoreCounts)[] = ['feedback', 'seen', 'watchlist', 'history', 'settings', 'tmdbCache', 'movies'];

/** An export file the user chose: as read (the background checks it again on receipt), and as understood here. */
interface Chosen {
  raw: Record<string, unknown>;
  data: UserData;
}

function PrivacyPage() {
  const counts = useLoaded(() => ask({ type: 'privacy-counts' }), 'storage-unreadable');
  // What is stored may have grown in the popup meanwhile.
  useOnReturn(counts.retry);
  // The shipped titles being written (a first run, an update: seconds): counted again until they all are.
  const catalogueLoading = counts.value?.catalogueLoading ?? false;
  useEffect(() => {
    if (!catalogueLoading) return;
    const again = setTimeout(counts.retry, 1000);
    return () => clearTimeout(again);
  }, [counts.value]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  /** An export, import or deletion; its failure in the browser's storage shows under the buttons. */
  const action = useAction();
  /** A valid export chosen over data stored here: it replaces that data only once the user says so. */
  const [asking, setAsking] = useState<Chosen | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const importInput = useRef<HTMLInputElement>(null);
  /** Answered: the keyboard goes back to Import (asked, it goes to Keep). */
  const answered = useRef(false);
  useLayoutEffect(() => {
    if (asking) keep.current?.focus();
    else if (answered.current) importInput.current?.focus();
    answered.current = false;
  }, [asking]);

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

  /** A chosen file: refused with the reason, imported at once over nothing, or asked about over the user's data. */
  async function importFile(file: File) {
    setMessage(null);
    setAsking(null);
    if (file.size > MAX_EXPORT_BYTES) {
      const size = formatNumber(Math.ceil(file.size / 1e6));
      setMessage({ kind: 'error', text: t('importFailed', t('notExportSize', size)) });
      return;
    }
    let chosen: Chosen;
    try {
      const raw: unknown = JSON.parse(await file.text());
      chosen = { raw: raw as Record<string, unknown>, data: parseUserData(raw) };
    } catch (error) {
      const text = error instanceof SyntaxError ? t('notJson') : errorText(error);
      setMessage({ kind: 'error', text: t('importFailed', text) });
      return;
    }
    // Counted now (the popup may have added some since this page opened); not readable, the user is asked anyway.
    const now = await ask({ type: 'privacy-counts' }).catch(() => null);
    if (now) counts.setValue(now);
    if (now && storedEntries(now) === 0) await replaceWith(chosen);
    else setAsking(chosen);
  }

  async function replaceWith({ raw }: Chosen) {
    try {
      counts.setValue(await ask({ type: 'privacy-import', data: raw }));
      setMessage({ kind: 'ok', text: t('imported') });
    } catch (error) {
      // Refused on receipt says what is wrong with the file; a storage failure is the action's problem.
      if (error instanceof ProtocolError && error.code !== 'invalid-message') throw error;
      setMessage({ kind: 'error', text: t('importFailed', errorText(error)) });
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
                <td data-testid={`count-${s}`}>
                  {!counts.value
                    ? '…'
                    : s === 'movies' && catalogueLoading
                      ? t('loading')
                      : formatNumber(counts.value[s])}
                </td>
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
              ref={importInput}
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
        {asking && (
          <div class="notice" role="group" aria-labelledby="import-ask" data-testid="import-ask">
            <p id="import-ask">
              {t(
                'importAsk',
                formatNumber(counts.value ? storedEntries(counts.value) : 0),
                formatDateTime(asking.data.exportedAt),
                formatNumber(exportedEntries(asking.data)),
              )}
            </p>
            <p class="row">
              <button
                type="button"
                class="danger"
                data-testid="import-confirm"
                onClick={() => {
                  const chosen = asking;
                  answered.current = true;
                  setAsking(null);
                  void action.run('storage-failed', () => replaceWith(chosen));
                }}
              >
                {t('importReplace')}
              </button>
              <button
                type="button"
                ref={keep}
                data-testid="import-keep"
                onClick={() => {
                  answered.current = true;
                  setAsking(null);
                  setMessage({ kind: 'ok', text: t('importKept') });
                }}
              >
                {t('deleteCancel')}
              </button>
            </p>
          </div>
        )}
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
