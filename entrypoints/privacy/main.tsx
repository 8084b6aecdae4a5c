/**
 * The privacy page: what Moodreel keeps (counted per store), the promise that no image is kept or sent, and the
 * user's data out (JSON), back in, or gone.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import '../../components/theme.css';
import { createClient, type BackgroundApi } from '../../models/protocol';
import type { StoreCounts } from '../../models/store/backup';
import { loadSettings } from '../shared/settings';
import { applyTheme } from '../shared/theme';

const ask = createClient<BackgroundApi>((message) => browser.runtime.sendMessage(message));

const STORES: { key: keyof StoreCounts; label: string; what: string }[] = [
  { key: 'feedback', label: 'Feedback', what: 'each 👍 👎 seen / watchlist / never, with its time' },
  { key: 'seen', label: 'Seen', what: 'titles you marked seen or liked' },
  { key: 'watchlist', label: 'Watchlist', what: 'titles you saved for later' },
  { key: 'history', label: 'Mood history', what: 'each mood check: time, the seven expression numbers, the picks' },
  { key: 'settings', label: 'Learned taste', what: 'your taste as numbers learned from your feedback' },
  { key: 'tmdbCache', label: 'TMDB cache', what: 'posters and details fetched with your TMDB key (7 days)' },
  { key: 'movies', label: 'Movie catalogue', what: 'ships with Moodreel; not personal, not exported' },
];

function PrivacyPage() {
  const [counts, setCounts] = useState<StoreCounts | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    void loadSettings().then((s) => applyTheme(s.theme));
    void ask({ type: 'privacy-counts' }).then(setCounts);
  }, []);

  async function exportAll() {
    const data = await ask({ type: 'privacy-export' });
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `moodreel-export-${new Date(data.exportedAt).toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setMessage({ kind: 'ok', text: 'Exported. The file holds everything listed above except the catalogue.' });
  }

  async function importFile(file: File) {
    try {
      const data: unknown = JSON.parse(await file.text());
      setCounts(await ask({ type: 'privacy-import', data: data as Record<string, unknown> }));
      setMessage({ kind: 'ok', text: 'Imported. Your data was replaced by the file’s.' });
    } catch (error) {
      const text = error instanceof SyntaxError ? 'That file is not JSON.' : (error as Error).message;
      setMessage({ kind: 'error', text: `Nothing was changed: ${text}` });
    }
  }

  async function deleteAll() {
    setConfirming(false);
    setCounts(await ask({ type: 'privacy-delete' }));
    setMessage({ kind: 'ok', text: 'Deleted. Moodreel now knows nothing about you.' });
  }

  return (
    <main class="page">
      <h1>Your data in Moodreel</h1>
      <p data-testid="no-images">
        <strong>No image is kept or sent anywhere.</strong> Snapshots and video frames are read on this device, in
        memory, and dropped once the mood is known. Moodreel has no server and no telemetry; it goes online only to
        TMDB, and only if you give it your own key.
      </p>
      <section class="mood">
        <h2>What is stored, on this device only</h2>
        <table class="counts" data-testid="counts">
          <thead>
            <tr>
              <th scope="col">Store</th>
              <th scope="col">Entries</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {STORES.map((s) => (
              <tr key={s.key}>
                <th scope="row">{s.label}</th>
                <td data-testid={`count-${s.key}`}>{counts ? counts[s.key].toLocaleString('en') : '…'}</td>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="tagline">Settings (detector, filters, TMDB key, overlay per site) live in the extension’s storage.</p>
      </section>
      <section class="mood">
        <h2>Take it with you, or wipe it</h2>
        <div class="row">
          <button type="button" onClick={() => void exportAll()} data-testid="export">
            Export all data (JSON)
          </button>
          <label class="button">
            Import from a file…
            <input
              type="file"
              accept="application/json,.json"
              class="visually-hidden"
              data-testid="import"
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) void importFile(file);
                e.currentTarget.value = '';
              }}
            />
          </label>
          {confirming ? (
            <>
              <button type="button" class="danger" onClick={() => void deleteAll()} data-testid="delete-confirm">
                Yes, delete everything
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep my data
              </button>
            </>
          ) : (
            <button type="button" class="danger" onClick={() => setConfirming(true)} data-testid="delete">
              Delete everything…
            </button>
          )}
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
      </section>
    </main>
  );
}

render(<PrivacyPage />, document.getElementById('app')!);
