import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import '../../components/theme.css';
import { createClient, type BackgroundApi, type CatalogueStatus } from '../../models/protocol';
import { DEFAULT_SETTINGS, isPlausibleApiKey, migrateSettings, type Settings } from '../../models/settings';
import type { TmdbState } from '../../models/store/schema';
import { loadSettings, saveSettings } from '../shared/settings';

const ask = createClient<BackgroundApi>((message) => browser.runtime.sendMessage(message));

const TMDB_STATUS_TEXT: Record<TmdbState['status'], string> = {
  ok: 'Up to date.',
  running: 'Refreshing…',
  'no-key': 'No TMDB key: Moodreel runs fully offline.',
  'bad-key': 'TMDB refused this key. Check it on themoviedb.org (Settings → API).',
  'rate-limited': 'TMDB asked Moodreel to slow down; it will try again later.',
  offline: 'TMDB could not be reached (offline?). Moodreel keeps working with its own catalogue.',
  'bad-response': 'TMDB sent something unexpected; nothing was changed.',
  http: 'TMDB answered with an error; nothing was changed.',
};

function OptionsPage() {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [draftKey, setDraftKey] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [catalogue, setCatalogue] = useState<CatalogueStatus | null>(null);
  const [tmdb, setTmdb] = useState<TmdbState | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadSettings().then((s) => {
      setSettings(s);
      setDraftKey(s.tmdbApiKey);
    });
    void ask({ type: 'catalogue-ensure' })
      .then(setCatalogue)
      .catch(() => setCatalogue(null));
    void ask({ type: 'tmdb-status' })
      .then(setTmdb)
      .catch(() => setTmdb(null));
  }, []);

  async function save(next: Settings) {
    const valid = migrateSettings(next);
    setSettings(valid);
    await saveSettings(valid);
    setSaved('Saved.');
  }

  async function refresh() {
    setBusy(true);
    try {
      setTmdb(await ask({ type: 'tmdb-refresh' }));
    } finally {
      setBusy(false);
    }
  }

  const keyProblem = draftKey.trim() !== '' && !isPlausibleApiKey(draftKey.trim());
  return (
    <main class="page">
      <h1>Moodreel options</h1>

      <section class="mood">
        <h2>Face detection</h2>
        <label>
          Detector{' '}
          <select
            value={settings.detector}
            data-testid="detector"
            onChange={(e) => void save({ ...settings, detector: e.currentTarget.value === 'ssd' ? 'ssd' : 'tiny' })}
          >
            <option value="tiny">Fast (TinyFaceDetector)</option>
            <option value="ssd">Accurate (SSD MobileNet v1)</option>
          </select>
        </label>
      </section>

      <section class="mood">
        <h2>Movie catalogue</h2>
        <p data-testid="catalogue-status">
          {catalogue
            ? `${catalogue.count.toLocaleString('en')} titles (${catalogue.status}, version ${catalogue.version ?? '—'})`
            : 'Loading…'}
        </p>
      </section>

      <section class="mood">
        <h2>Online refresh from TMDB (optional)</h2>
        <p>
          With your own free TMDB API key, Moodreel shows posters and where to stream, and adds trending and new titles
          once a day. Without one it never goes online. Only the key and movie ids are sent to TMDB; no image and
          nothing about your mood.
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!keyProblem) void save({ ...settings, tmdbApiKey: draftKey.trim() });
          }}
        >
          <label for="tmdb-key">TMDB API key</label>{' '}
          <input
            id="tmdb-key"
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={draftKey}
            aria-invalid={keyProblem}
            data-testid="tmdb-key"
            onInput={(e) => {
              setDraftKey(e.currentTarget.value);
              setSaved(null);
            }}
          />{' '}
          <label for="tmdb-region">Region</label>{' '}
          <input
            id="tmdb-region"
            size={3}
            maxLength={2}
            value={settings.tmdbRegion}
            onChange={(e) => void save({ ...settings, tmdbRegion: e.currentTarget.value.toUpperCase() })}
          />{' '}
          <button type="submit" data-testid="tmdb-save">
            Save
          </button>
          {keyProblem && <p role="alert">That does not look like a TMDB API key.</p>}
          {saved && <p role="status">{saved}</p>}
        </form>
        <p>
          <button
            type="button"
            onClick={() => void refresh()}
            disabled={busy || !settings.tmdbApiKey}
            data-testid="tmdb-refresh"
          >
            Refresh now
          </button>{' '}
          <span role="status" data-testid="tmdb-status" data-status={tmdb?.status ?? 'none'}>
            {tmdb ? `${TMDB_STATUS_TEXT[tmdb.status]} ${tmdb.status === 'ok' ? tmdb.message : ''}` : ''}
          </span>
        </p>
      </section>
      <p class="tagline">This product uses the TMDB API but is not endorsed or certified by TMDB.</p>
    </main>
  );
}

render(<OptionsPage />, document.getElementById('app')!);
