import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import '../../components/theme.css';
import { reasonMessage } from '../../models/recommend/reasons';
import { GENRE_TONES } from '../../models/catalogue/lexicon';
import {
  DEFAULT_SETTINGS,
  isPlausibleApiKey,
  isYear,
  migrateSettings,
  STREAMING_SERVICES,
  THEMES,
  YEAR_RANGE,
  type Settings,
} from '../../models/settings';
import { registeredSites } from '../../models/sites';
import type { TmdbState } from '../../models/store/schema';
import { loadSettings, saveChanges, savedOrStored, watchSettings } from '../shared/settings';
import { applyTheme } from '../shared/theme';
import {
  formatNumber,
  genreList,
  localizePage,
  plural,
  t,
  tm,
  uiLanguage,
  type MessageKey,
} from '../../components/i18n';
import { languageName, parseLanguages } from '../../models/recommend/languages';
import { countryName, isCountryCode } from '../../models/region/region';
import { askBackground } from '../shared/background-client';
import { useDraftField } from '../../components/useDraftField';
import { ProblemNotice } from '../../components/ProblemNotice';
import { useLoaded } from '../../components/useLoaded';
import { useOnReturn } from '../../components/useOnReturn';
import { useAction } from '../../components/useAction';
import { ConfirmButton } from '../../components/ConfirmButton';
import { WaitButton } from '../../components/WaitButton';
import { MarksSection } from '../../components/MarksSection';

const sites = registeredSites();
const verbatim = (text: string) => ({ key: 'verbatim' as const, subs: [text] });

type YearBound = 'yearMin' | 'yearMax';

/** A year field's text to a year, or no bound when it is empty or out of range. */
function yearOf(text: string): number | null {
  const y = Number(text);
  return text.trim() && isYear(y) ? y : null;
}

/** Empty (no bound) or a year in range: what a year field may save. */
const isYearText = (text: string) => !text.trim() || yearOf(text) !== null;

/** The region as typed, as a code (TMDB's streaming regions are ISO 3166-1 codes: " de" is DE). */
const regionCode = (text: string) => text.trim().toUpperCase();
const isRegionText = (text: string) => isCountryCode(regionCode(text));

const ask = askBackground;

/** The toolbar button's command: `_execute_action` in Manifest V3 (Chrome), `_execute_browser_action` in V2 (Firefox). */
const OPEN_POPUP_COMMANDS = new Set(['_execute_action', '_execute_browser_action']);

/** Firefox has its own page for shortcuts (Add-ons → Manage Extension Shortcuts) and may not open chrome:// pages. */
function openShortcutSettings(): void {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  if (commands.openShortcutSettings) void commands.openShortcutSettings();
  else void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

const TMDB_STATUS_TEXT: Record<TmdbState['status'], MessageKey> = {
  ok: 'tmdbOk',
  running: 'tmdbRunning',
  'no-key': 'tmdbNoKey',
  'bad-key': 'tmdbBadKey',
  'rate-limited': 'tmdbRateLimited',
  offline: 'tmdbOffline',
  'bad-response': 'tmdbBadResponse',
  http: 'tmdbHttp',
};

function OptionsPage() {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  /** The controls appear once the stored settings are read: never a flash of defaults the user might act on. */
  const [loaded, setLoaded] = useState(false);
  const [draftKey, setDraftKey] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  // A failure replaces "Loading…" with its problem and a way to ask again.
  const catalogue = useLoaded(() => ask({ type: 'catalogue-ensure' }), 'catalogue-failed');
  const moodMap = useLoaded(() => ask({ type: 'mood-map-status' }), 'storage-unreadable');
  // Thumbs given in the popup meanwhile taught it more.
  useOnReturn(moodMap.retry);
  const forgetting = useAction();
  const refreshing = useAction();
  const saving = useAction();
  const [tmdb, setTmdb] = useState<TmdbState | null>(null);
  const [shortcut, setShortcut] = useState('');
  const [forgotten, setForgotten] = useState(false);

  useEffect(() => {
    void browser.commands
      ?.getAll()
      .then((all) => setShortcut(all.find((c) => OPEN_POPUP_COMMANDS.has(c.name ?? ''))?.shortcut ?? ''));
    void loadSettings().then((s) => {
      setSettings(s);
      setLoaded(true);
      applyTheme(s.theme);
      setDraftKey(s.tmdbApiKey);
    });
    void ask({ type: 'tmdb-status' })
      .then(setTmdb)
      .catch(() => setTmdb(null));
    // Changes made elsewhere (the popup, an overlay) show here at once.
    const unwatch = watchSettings(() => void loadSettings().then(setSettings));
    return unwatch;
  }, []);

  const forgetMoodMap = () =>
    forgetting.run('storage-failed', async () => {
      await ask({ type: 'mood-map-reset' });
      setForgotten(true);
      moodMap.setValue(await ask({ type: 'mood-map-status' }));
    });

  /**
   * Saves only what this change touched, so it never undoes a change made meanwhile in the popup or an overlay.
   * Refused (a full storage), the page says so and shows again what is stored: a control never shows a change that
   * was not kept.
   */
  const save = (next: Settings) =>
    saving.run('storage-failed', async () => {
      const valid = migrateSettings(next);
      const before = settings;
      setSettings(valid);
      applyTheme(valid.theme);
      await savedOrStored(
        () => saveChanges(before, valid),
        (stored) => {
          setSettings(stored);
          applyTheme(stored.theme);
        },
      );
      setSaved(t('saved'));
    });

  const f = settings.filters;
  const setFilters = (change: Partial<Settings['filters']>) => save({ ...settings, filters: { ...f, ...change } });
  // Typed text that is no language, no year in range or no region code stays in its field and is never saved. The
  // languages read as names in the page's language, however they were typed.
  const languageField = useDraftField(
    f.languages.map((code) => languageName(code, uiLanguage())).join(', '),
    (text) => parseLanguages(text, uiLanguage()).unknown.length === 0,
    (text) => setFilters({ languages: parseLanguages(text, uiLanguage()).codes }),
  );
  const languages = parseLanguages(languageField.text, uiLanguage());
  const yearFields = {
    yearMin: useDraftField(String(f.yearMin ?? ''), isYearText, (text) => setFilters({ yearMin: yearOf(text) })),
    yearMax: useDraftField(String(f.yearMax ?? ''), isYearText, (text) => setFilters({ yearMax: yearOf(text) })),
  };
  const yearProblem = !yearFields.yearMin.valid || !yearFields.yearMax.valid;
  const regionField = useDraftField(settings.tmdbRegion, isRegionText, (text) =>
    save({ ...settings, tmdbRegion: regionCode(text) }),
  );

  /** A yes/no filter as a labelled checkbox. */
  function filterSwitch(name: 'includeSeen' | 'adult' | 'unknownLanguage', label: MessageKey, testId: string) {
    return (
      <p>
        <label>
          <input
            type="checkbox"
            checked={f[name]}
            data-testid={testId}
            onChange={(e) => void setFilters({ [name]: e.currentTarget.checked })}
          />{' '}
          {t(label)}
        </label>
      </p>
    );
  }

  function yearField(which: YearBound, id: string) {
    const field = yearFields[which];
    return (
      <input
        id={id}
        type="number"
        min={YEAR_RANGE.min}
        max={YEAR_RANGE.max}
        value={field.text}
        aria-invalid={!field.valid}
        aria-describedby={yearProblem ? 'years-note' : undefined}
        data-testid={id}
        onInput={field.onInput}
        onChange={field.onChange}
      />
    );
  }

  const refresh = () =>
    refreshing.run('tmdb-failed', async () => {
      setTmdb(await ask({ type: 'tmdb-refresh' }));
    });

  const keyProblem = draftKey.trim() !== '' && !isPlausibleApiKey(draftKey.trim());
  if (!loaded)
    return (
      <main class="page" aria-busy="true">
        <h1>{t('optionsTitle')}</h1>
        <p role="status">{t('loading')}</p>
      </main>
    );

  return (
    <main class="page">
      <h1>{t('optionsTitle')}</h1>

      <section class="mood">
        <h2>{t('faceDetection')}</h2>
        <label>
          {t('detector')}{' '}
          <select
            value={settings.detector}
            data-testid="detector"
            onChange={(e) => void save({ ...settings, detector: e.currentTarget.value === 'ssd' ? 'ssd' : 'tiny' })}
          >
            <option value="tiny">{t('detectorFastLong')}</option>
            <option value="ssd">{t('detectorAccurateLong')}</option>
          </select>
        </label>
      </section>

      <section class="mood" aria-labelledby="filters-h">
        <h2 id="filters-h">{t('filtersTitle')}</h2>
        <fieldset>
          <legend>{t('excludeGenres')}</legend>
          <div class="checks">
            {Object.keys(GENRE_TONES).map((g) => (
              <label key={g}>
                <input
                  type="checkbox"
                  checked={f.excludedGenres.includes(g)}
                  data-testid={`exclude-${g}`}
                  onChange={(e) =>
                    void setFilters({
                      excludedGenres: e.currentTarget.checked
                        ? [...f.excludedGenres, g]
                        : f.excludedGenres.filter((x) => x !== g),
                    })
                  }
                />{' '}
                {genreList([g])}
              </label>
            ))}
          </div>
        </fieldset>
        <p>
          <label for="languages">{t('languages')}</label>{' '}
          <input
            id="languages"
            value={languageField.text}
            aria-invalid={!languageField.valid}
            aria-describedby={languages.unknown.length + languages.names.length > 0 ? 'languages-note' : undefined}
            data-testid="languages"
            onInput={languageField.onInput}
            onChange={languageField.onChange}
          />
        </p>
        {languages.unknown.length > 0 ? (
          <p role="alert" class="field-problem" id="languages-note" data-testid="languages-problem">
            {tm({ key: 'languagesUnknown', subs: [languages.unknown.map(verbatim)] })}
          </p>
        ) : (
          languages.names.length > 0 && (
            <p id="languages-note" data-testid="languages-chosen">
              {tm({ key: 'languagesChosen', subs: [languages.names.map(verbatim)] })}
            </p>
          )
        )}
        {f.languages.length > 0 && filterSwitch('unknownLanguage', 'unknownLanguage', 'unknown-language')}
        <p>
          <label for="year-min">{t('yearFrom')}</label> {yearField('yearMin', 'year-min')}{' '}
          <label for="year-max">{t('yearTo')}</label> {yearField('yearMax', 'year-max')}
        </p>
        {yearProblem && (
          <p role="alert" class="field-problem" id="years-note" data-testid="years-problem">
            {t('yearsInvalid', String(YEAR_RANGE.min), String(YEAR_RANGE.max))}
          </p>
        )}
        {filterSwitch('includeSeen', 'includeSeen', 'include-seen')}
        {filterSwitch('adult', 'includeAdult', 'adult')}
      </section>

      <section class="mood" aria-labelledby="services-h">
        <h2 id="services-h">{t('servicesTitle')}</h2>
        <table class="counts">
          <thead>
            <tr>
              <th scope="col">{t('colService')}</th>
              <th scope="col">{t('colHaveIt')}</th>
              <th scope="col">{t('colOverlay')}</th>
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
                      aria-label={t('haveService', site.name)}
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
                      aria-label={t('overlayOnSite', site.name)}
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
        <p class="tagline">{t('overlayElsewhere')}</p>
      </section>

      <section class="mood" aria-labelledby="look-h">
        <h2 id="look-h">{t('lookTitle')}</h2>
        <fieldset>
          <legend>{t('theme')}</legend>
          {THEMES.map((theme) => (
            <label key={theme} class="inline">
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={settings.theme === theme}
                data-testid={`theme-${theme}`}
                onChange={() => void save({ ...settings, theme })}
              />{' '}
              {t(`theme_${theme}` as const)}
            </label>
          ))}
        </fieldset>
        <p class="leads-to" data-testid="shortcut">
          <span>
            {shortcut ? (
              <>
                {t('shortcutBefore')} <kbd>{shortcut}</kbd> {t('shortcutAfter')}
              </>
            ) : (
              t('shortcutUnset')
            )}
          </span>
          <button type="button" data-testid="shortcut-change" onClick={openShortcutSettings}>
            {t('shortcutChange')}
          </button>
        </p>
      </section>

      <section class="mood" aria-labelledby="mood-map-h">
        <h2 id="mood-map-h">{t('moodMapTitle')}</h2>
        <p>{t('moodMapWhat')}</p>
        {moodMap.problem ? (
          <ProblemNotice code={moodMap.problem} action={{ label: t('tryAgain'), run: moodMap.retry }} />
        ) : (
          <p data-testid="mood-map-status" data-lessons={moodMap.value?.lessons ?? 0}>
            {!moodMap.value
              ? t('loading')
              : moodMap.value.lessons > 0
                ? plural('moodMapLearned', moodMap.value.lessons)
                : t('moodMapEmpty')}
          </p>
        )}
        {moodMap.value && moodMap.value.learned.length > 0 && (
          <ul data-testid="mood-map-learned">
            {moodMap.value.learned.map(({ emotion, tone }) => (
              <li key={emotion}>{tm(reasonMessage({ kind: 'learned', emotion, tone }))}</li>
            ))}
          </ul>
        )}
        <p>
          <ConfirmButton
            label={t('moodMapReset')}
            confirmLabel={t('moodMapResetConfirm')}
            keepLabel={t('moodMapResetKeep')}
            onConfirm={() => void forgetMoodMap()}
            waiting={forgetting.busy || !moodMap.value || moodMap.value.lessons === 0}
            testId="mood-map-reset"
          />{' '}
          {forgotten && <span role="status">{t('moodMapDone')}</span>}
        </p>
        {forgetting.problem && <ProblemNotice code={forgetting.problem} />}
      </section>

      <MarksSection ask={ask} onChanged={moodMap.retry} />

      <section class="mood">
        <h2>{t('catalogueTitle')}</h2>
        {catalogue.problem ? (
          <ProblemNotice code={catalogue.problem} action={{ label: t('tryAgain'), run: catalogue.retry }} />
        ) : (
          <p data-testid="catalogue-status" data-status={catalogue.value?.status ?? 'asking'}>
            {catalogue.value
              ? t(
                  'catalogueStatus',
                  formatNumber(catalogue.value.count),
                  t(`catalogue_${catalogue.value.status}`),
                  catalogue.value.version ?? '—',
                )
              : t('loading')}
          </p>
        )}
      </section>

      <section class="mood">
        <h2>{t('tmdbTitle')}</h2>
        <p>{t('tmdbWhy')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!keyProblem) void save({ ...settings, tmdbApiKey: draftKey.trim() });
          }}
        >
          <label for="tmdb-key">{t('tmdbKey')}</label>{' '}
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
          <span class="inline-group">
            <label for="tmdb-region">{t('tmdbRegion')}</label>{' '}
            <input
              id="tmdb-region"
              size={3}
              maxLength={2}
              value={regionField.text}
              aria-invalid={!regionField.valid}
              aria-describedby={regionField.valid ? 'region-name' : 'region-note'}
              data-testid="tmdb-region"
              onInput={regionField.onInput}
              onChange={regionField.onChange}
            />{' '}
            {/* The code's country, named: CH is Switzerland, not China. */}
            {regionField.valid && (
              <span class="muted" id="region-name" data-testid="region-name">
                {countryName(regionCode(regionField.text), uiLanguage())}
              </span>
            )}
          </span>{' '}
          <button type="submit" data-testid="tmdb-save">
            {t('save')}
          </button>
          {!regionField.valid && (
            <p role="alert" class="field-problem" id="region-note" data-testid="region-problem">
              {t('regionInvalid')}
            </p>
          )}
          {keyProblem && (
            <p role="alert" class="field-problem">
              {t('tmdbKeyInvalid')}
            </p>
          )}
          {saved && <p role="status">{saved}</p>}
        </form>
        <p>
          <WaitButton
            onClick={() => void refresh()}
            waiting={refreshing.busy || !settings.tmdbApiKey}
            data-testid="tmdb-refresh"
          >
            {t('refreshNow')}
          </WaitButton>{' '}
          <span role="status" data-testid="tmdb-status" data-status={tmdb?.status ?? 'none'}>
            {tmdb ? `${t(TMDB_STATUS_TEXT[tmdb.status])} ${tmdb.status === 'ok' ? tmdb.message : ''}` : ''}
          </span>
        </p>
        {refreshing.problem && <ProblemNotice code={refreshing.problem} />}
      </section>
      <p>
        <a href="/privacy.html" data-testid="privacy-link">
          {t('privacyLink')}
        </a>
      </p>
      <p class="tagline">{t('tmdbAttribution')}</p>
      {/* JustWatch's terms, through TMDB: where-to-watch data names its source. */}
      <p class="tagline" data-testid="justwatch-attribution">
        {t('justWatch')}
      </p>
      {saving.problem && (
        <div class="page-alert" data-testid="save-problem">
          <ProblemNotice code={saving.problem} />
        </div>
      )}
    </main>
  );
}

localizePage('optionsTitle');
render(<OptionsPage />, document.getElementById('app')!);
