import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import '../../components/theme.css';
import { createClient, type BackgroundApi, type CatalogueStatus } from '../../models/protocol';
import { GENRE_TONES } from '../../models/catalogue/lexicon';
import {
  DEFAULT_SETTINGS,
  isPlausibleApiKey,
  migrateSettings,
  STREAMING_SERVICES,
  THEMES,
  YEAR_RANGE,
  type Settings,
} from '../../models/settings';
import { registeredSites } from '../../models/sites';
import type { TmdbState } from '../../models/store/schema';
import { loadSettings, saveSettings } from '../shared/settings';
import { applyTheme } from '../shared/theme';

const sites = registeredSites();

/** A year field's text to a year, or no bound when it is empty or out of range. */
function yearOf(text: string): number | null {
  const y = Number(text);
  return text.trim() && Number.isInteger(y) && y >= YEAR_RANGE.min && y <= YEAR_RANGE.max ? y : null;
}

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
  const [shortcut, setShortcut] = useState('');

  useEffect(() => {
    void browser.commands
      ?.getAll()
      .then((all) => setShortcut(all.find((c) => c.name === '_execute_action')?.shortcut ?? ''));
    void loadSettings().then((s) => {
      setSettings(s);
      applyTheme(s.theme);
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
    applyTheme(valid.theme);
    await saveSettings(valid);
    setSaved('Saved.');
  }

  const f = settings.filters;
  const setFilters = (change: Partial<Settings['filters']>) => void save({ ...settings, filters: { ...f, ...change } });

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

      <section class="mood" aria-labelledby="filters-h">
        <h2 id="filters-h">What picks may include</h2>
        <fieldset>
          <legend>Never pick these genres</legend>
          <div class="checks">
            {Object.keys(GENRE_TONES).map((g) => (
              <label key={g}>
                <input
                  type="checkbox"
                  checked={f.excludedGenres.includes(g)}
                  data-testid={`exclude-${g}`}
                  onChange={(e) =>
                    setFilters({
                      excludedGenres: e.currentTarget.checked
                        ? [...f.excludedGenres, g]
                        : f.excludedGenres.filter((x) => x !== g),
                    })
                  }
                />{' '}
                {g}
              </label>
            ))}
          </div>
        </fieldset>
        <p>
          <label for="languages">Original languages (ISO codes, e.g. “en, fr”; empty for all)</label>{' '}
          <input
            id="languages"
            value={f.languages.join(', ')}
            data-testid="languages"
            onChange={(e) =>
              setFilters({
                languages: e.currentTarget.value
                  .toLowerCase()
                  .split(/[\s,]+/)
                  .filter(Boolean),
              })
            }
          />
        </p>
        <p>
          <label for="year-min">Released from</label>{' '}
          <input
            id="year-min"
            type="number"
            min={YEAR_RANGE.min}
            max={YEAR_RANGE.max}
            value={f.yearMin ?? ''}
            data-testid="year-min"
            onChange={(e) => setFilters({ yearMin: yearOf(e.currentTarget.value) })}
          />{' '}
          <label for="year-max">to</label>{' '}
          <input
            id="year-max"
            type="number"
            min={YEAR_RANGE.min}
            max={YEAR_RANGE.max}
            value={f.yearMax ?? ''}
            data-testid="year-max"
            onChange={(e) => setFilters({ yearMax: yearOf(e.currentTarget.value) })}
          />
        </p>
        <p>
          <label>
            <input
              type="checkbox"
              checked={f.includeSeen}
              onChange={(e) => setFilters({ includeSeen: e.currentTarget.checked })}
            />{' '}
            Include titles I have seen
          </label>
        </p>
        <p>
          <label>
            <input
              type="checkbox"
              checked={f.adult}
              data-testid="adult"
              onChange={(e) => setFilters({ adult: e.currentTarget.checked })}
            />{' '}
            Include adult titles (off by default)
          </label>
        </p>
      </section>

      <section class="mood" aria-labelledby="services-h">
        <h2 id="services-h">Streaming services and the overlay</h2>
        <table class="counts">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">I have it (“watch on” links)</th>
              <th scope="col">Overlay on its pages</th>
            </tr>
          </thead>
          <tbody>
            {STREAMING_SERVICES.map((id) => {
              const site = sites.find((x) => x.id === id)!;
              return (
                <tr key={id}>
                  <th scope="row">{site.name}</th>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`I have ${site.name}`}
                      checked={settings.services.includes(id)}
                      data-testid={`service-${id}`}
                      onChange={(e) =>
                        void save({
                          ...settings,
                          services: e.currentTarget.checked
                            ? [...settings.services, id]
                            : settings.services.filter((x) => x !== id),
                        })
                      }
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Overlay on ${site.name}`}
                      checked={settings.overlay[id]}
                      data-testid={`overlay-${id}`}
                      onChange={(e) =>
                        void save({ ...settings, overlay: { ...settings.overlay, [id]: e.currentTarget.checked } })
                      }
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p class="tagline">
          On other sites the overlay appears only when you right-click a video and choose “Moodreel: read the mood of
          this frame”.
        </p>
      </section>

      <section class="mood" aria-labelledby="look-h">
        <h2 id="look-h">Appearance and shortcut</h2>
        <fieldset>
          <legend>Theme</legend>
          {THEMES.map((t) => (
            <label key={t} class="inline">
              <input
                type="radio"
                name="theme"
                value={t}
                checked={settings.theme === t}
                data-testid={`theme-${t}`}
                onChange={() => void save({ ...settings, theme: t })}
              />{' '}
              {t === 'system' ? 'As the system' : t === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </fieldset>
        <p data-testid="shortcut">
          Mood check from the keyboard: <kbd>{shortcut || 'not set'}</kbd> opens Moodreel; press Enter to check.{' '}
          <button type="button" onClick={() => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' })}>
            Change the shortcut
          </button>
        </p>
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
      <p>
        <a href="/privacy.html" data-testid="privacy-link">
          Your data: what Moodreel stores, export, import, delete
        </a>
      </p>
      <p class="tagline">This product uses the TMDB API but is not endorsed or certified by TMDB.</p>
    </main>
  );
}

render(<OptionsPage />, document.getElementById('app')!);
