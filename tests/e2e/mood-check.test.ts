/**
 * Real mood checks: the built extension in Debian's Chromium, a fake camera playing a real photo, the popup driven
 * like a user drives it, and real face-api in the offscreen document.
 */
import { join } from 'node:path';
import type { Page } from 'puppeteer';
import { afterEach, describe, expect, it } from 'vitest';
import { askFrom, launchExtension, storeRecords, type ExtensionSession } from '../support/chromium';
import { darkBlue, dataUrl, FACES, FER_PUBLIC_TEST, fakeCameraVideo, testPattern } from '../support/images';
import { screenshotPath } from '../support/screenshots';
import { TONE_REASON_AT } from '../../models/catalogue/tone-reasons';
import type { Tone } from '../../models/catalogue/tones';
import MESSAGES from '../../public/_locales/en/messages.json';
import { firstPickOnFirstScreen, otherPicks, pickIds, pickReplaced, POPUP_MAX_HEIGHT } from '../support/picks';
import { scratchDir } from '../support/scratch';
import { waitForFocus } from '../support/focus';

const work = scratchDir('e2e');
let session: ExtensionSession | null = null;

afterEach(async () => {
  await session?.close();
  session = null;
});

/**
 * Opens the popup, takes a snapshot and waits for the mood (or a notice). Chromium's fake camera UI grants the
 * camera up front, so the popup snapshots at once; the ask-once page has its own tests below.
 */
async function checkMood(video: string): Promise<Page> {
  session = await launchExtension({ fakeVideo: video });
  const popup = await session.openPage('popup.html');
  await popup.click('[data-testid="check-camera"]');
  await popup.waitForSelector('[data-testid="mood"], [data-testid="notice"]', { timeout: 60_000 });
  return popup;
}

const text = (page: Page, selector: string) => page.$eval(selector, (el) => el.textContent?.trim() ?? '');

describe('mood check from the camera', () => {
  // The README screenshot comes from this test: a public-domain NASA portrait (Eileen Collins), nothing else shared.
  it('reads a mood from a real face photo and shows faces, bars and backend', async () => {
    const popup = await checkMood(fakeCameraVideo(join(FACES, 'skimage_astronaut.png'), join(work, 'astronaut.y4m')));
    expect(await popup.$('[data-testid="notice"]')).toBeNull();
    expect(await text(popup, '[data-testid="mood-word"]')).toMatch(
      /^(neutral|happy|sad|angry|fearful|disgusted|surprised)$/,
    );
    expect(Number((await text(popup, '[data-testid="face-count"]')).split(' ')[0])).toBeGreaterThanOrEqual(1);
    expect(await text(popup, '[data-testid="backend"]')).toMatch(/^(webgl|wasm|cpu)$/);
    expect((await popup.$$('[data-testid="face-box"]')).length).toBeGreaterThanOrEqual(1);
    expect((await popup.$$('.bar')).length).toBe(7);

    await popup.waitForSelector('[data-testid="pick"]', { timeout: 30_000 });
    await popup.setViewport({ width: 392, height: 900, deviceScaleFactor: 1 });
    const main = await popup.$('main');
    await main!.screenshot({ path: screenshotPath('popup.png') });
  });

  it('reads every face of a group photo', async () => {
    const popup = await checkMood(fakeCameraVideo(join(FACES, 'face-api_sample1.jpg'), join(work, 'group.y4m')));
    expect(Number((await text(popup, '[data-testid="face-count"]')).split(' ')[0])).toBeGreaterThanOrEqual(2);
  });

  // FER2013 crops are 48 px: scaled to 240 px and centred in the 640×480 frame, as a face in front of a webcam.
  // The surprised face is the first of its folder that the shipped path reads right in Node; the earlier pick
  // (PublicTest_11056779, a wide grin with raised brows) reads happy since the expression CNN was blended in.
  it.each([
    ['happy', 'happy/PublicTest_10245799.jpg'],
    ['surprised', 'surprise/PublicTest_10709121.jpg'],
    ['angry', 'angry/PublicTest_10813312.jpg'],
  ])('reads %s on a labelled FER2013 face', async (label, file) => {
    const video = fakeCameraVideo(join(FER_PUBLIC_TEST, file), join(work, `${label}.y4m`), 240);
    const popup = await checkMood(video);
    expect(await text(popup, '[data-testid="mood-word"]')).toBe(label);
  });

  // Blurry FER faces TinyFaceDetector misses at its usual threshold (scores 0.38 and 0.37 in Node): found on the
  // lower-threshold second look, then read. Without the retry both say "No face found".
  it.each([
    ['sad', 'sad/PublicTest_16001813.jpg'],
    ['surprised', 'surprise/PublicTest_34206950.jpg'],
  ])('takes a second look for a blurry %s face', async (label, file) => {
    const video = fakeCameraVideo(join(FER_PUBLIC_TEST, file), join(work, `blurry-${label}.y4m`), 240);
    const popup = await checkMood(video);
    expect(await popup.$('[data-testid="notice"]')).toBeNull();
    expect(await text(popup, '[data-testid="mood-word"]')).toBe(label);
  });

  it('says plainly when there is no face', async () => {
    const video = testPattern(join(work, 'pattern.y4m'));
    const popup = await checkMood(video);
    expect(await popup.$eval('[data-testid="notice"]', (el) => el.getAttribute('data-code'))).toBe('no-face');
    expect(await text(popup, '[data-testid="notice"]')).toContain('No face found');
    expect(await text(popup, '[data-testid="notice"]')).toContain(MESSAGES.problem_no_face_body.message);
  });
});

describe('a read too unsure to claim a mood', () => {
  it('says it is hard to tell in a sentence, asks first, keeps the first pick on the first screen, and says which faces of the crowd it read', async () => {
    // The Solvay conference of 1927: many small faces, none clearly in one mood.
    session = await launchExtension();
    const popup = await session.openPage('popup.html');
    await popup.setViewport({ width: 392, height: 900 });
    await (await popup.$('input[data-testid="file-input"]'))!.uploadFile(join(FACES, 'human_solvay1927.jpg'));
    await popup.waitForSelector('[data-testid="pick"]', { timeout: 60_000 });
    expect(await popup.$eval('[data-testid="mood"]', (el) => el.getAttribute('data-sureness'))).toBe('hard');
    // As the user reads it (innerText follows the styles): the word as the sentence writes it, not capitalised.
    // Leaning to neutral (as this photo reads), it says "maybe neutral", not "maybe a little neutral".
    const word = await text(popup, '[data-testid="mood-word"]');
    const sentence = word === 'neutral' ? MESSAGES.moodHardToTellNeutral : MESSAGES.moodHardToTell;
    expect(await popup.$eval('.mood-lead', (el) => (el as HTMLElement).innerText)).toBe(
      sentence.message.replace('$1', word),
    );
    expect(await text(popup, '.correct-first')).toContain(MESSAGES.howDoYouFeel.message);
    expect((await firstPickOnFirstScreen(popup)).bottom).toBeLessThanOrEqual(POPUP_MAX_HEIGHT);

    // 29 people sit for the photo; the largest faces are read (a crowd stays quick), and the count says so, not
    // "12 faces" as if there were no more. History keeps it with the check.
    const largest = MESSAGES.facesLargestOf.message.replace('$1', '12').replace('$2', '29');
    expect(await popup.$$('[data-testid="face-box"]')).toHaveLength(12);
    expect(await text(popup, '[data-testid="face-count"]')).toBe(largest);
    await popup.click('[data-testid="tab-history"]');
    await popup.waitForSelector('[data-testid="history-entry"]');
    expect(await text(popup, '[data-testid="history-entry"]')).toContain(largest);
  });
});

describe('picks after a mood check', () => {
  it('shows ten reasoned picks that react to feedback and to the strategy at once', async () => {
    const popup = await checkMood(fakeCameraVideo(join(FACES, 'human_person-vlado.jpg'), join(work, 'picks.y4m')));
    await popup.waitForSelector('[data-testid="pick"]', { timeout: 30_000 });
    const first = await pickIds(popup);
    expect(first).toHaveLength(10);
    expect(new Set(first).size).toBe(10);
    const reasons = await popup.$$eval('[data-testid="pick-reason"]', (els) => els.map((e) => e.textContent ?? ''));
    for (const r of reasons) expect(r.length).toBeGreaterThan(10);

    // Thumbs down on the first pick: it goes, another takes its place, and the feedback is stored.
    await popup.click(`[data-testid="pick"][data-movie-id="${first[0]}"] button[data-signal="down"]`);
    await pickReplaced(popup, first[0]!);
    const stored = ((await storeRecords(popup, 'feedback')) as { movieId: number; kind: string }[]).map((e) => [
      e.movieId,
      e.kind,
    ]);
    expect(stored).toEqual([[first[0], 'down']]);
    // A steady list: only that card changed, the other nine kept their places.
    const afterDown = await pickIds(popup);
    expect(afterDown.slice(1)).toEqual(first.slice(1));
    expect(first).not.toContain(afterDown[0]);

    // Thumbs up keeps the card where it is, marked; nothing else moves.
    await popup.click(`[data-testid="pick"][data-movie-id="${afterDown[3]}"] button[data-signal="up"]`);
    await popup.waitForSelector(`[data-testid="pick"][data-movie-id="${afterDown[3]}"][data-marked="up"]`);
    expect(await pickIds(popup)).toEqual(afterDown);

    const before = await pickIds(popup);
    await popup.click('[data-testid="strategy-lift"]');
    await otherPicks(popup, before);
  });
});

describe('picks that fit the mood', () => {
  /** Each pick's id and reason text. */
  const shown = (popup: Page) =>
    popup.$$eval('[data-testid="pick"]', (els) =>
      els.map((e) => ({
        id: Number(e.getAttribute('data-movie-id')),
        reason: e.querySelector('[data-testid="pick-reason"]')?.textContent ?? '',
      })),
    );
  /**
   * These titles as the extension holds them (calibrated tones, runtime), read from its IndexedDB once a first run's
   * import has written them all (the extension reads the shipped file meanwhile; a test reading the store must wait).
   */
  const moviesOf = async (popup: Page, ids: number[]) => {
    await askFrom(popup, { type: 'catalogue-ensure' });
    return popup.evaluate(
      (keys) =>
        new Promise<Record<number, { tones: Record<string, number>; runtime: number | null }>>((resolve, reject) => {
          const open = indexedDB.open('moodreel');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('movies');
            const out: Record<number, { tones: Record<string, number>; runtime: number | null }> = {};
            for (const id of keys) {
              const r = tx.objectStore('movies').get(id);
              r.onsuccess = () => {
                const m = r.result as { profile: { tones: Record<string, number> }; runtime: number | null };
                out[id] = { tones: m.profile.tones, runtime: m.runtime };
              };
            }
            tx.oncomplete = () => {
              open.result.close();
              resolve(out);
            };
          };
        }),
      ids,
    );
  };

  it('gives a sad face a match list and a lift list with no title in common, each tone reason true of its film', async () => {
    const video = fakeCameraVideo(join(FER_PUBLIC_TEST, 'sad/PublicTest_16001813.jpg'), join(work, 'sad.y4m'), 240);
    const popup = await checkMood(video);
    expect(await text(popup, '[data-testid="mood-word"]')).toBe('sad');
    await popup.waitForSelector('[data-testid="pick"]', { timeout: 30_000 });
    const match = await shown(popup);
    await popup.click('[data-testid="strategy-lift"]');
    await popup.waitForFunction(
      (ids: number[]) => {
        const now = [...document.querySelectorAll('[data-testid="pick"]')].map((e) =>
          Number(e.getAttribute('data-movie-id')),
        );
        return now.length === 10 && now.every((id) => !ids.includes(id));
      },
      { timeout: 30_000 },
      match.map((p) => p.id),
    );
    const lift = await shown(popup);
    expect(match).toHaveLength(10);
    expect(lift.filter((p) => match.some((m) => m.id === p.id))).toEqual([]);
    expect(match.filter((p) => p.reason.startsWith('fits a sad mood')).length).toBeGreaterThanOrEqual(8);
    expect(lift.filter((p) => p.reason.startsWith('lifts a low mood')).length).toBeGreaterThanOrEqual(8);

    // Every tone a reason names ("fits a sad mood: sad, thought-provoking") is one the film's profile carries.
    const toneOfWord = Object.fromEntries(
      Object.entries(MESSAGES)
        .filter(([key]) => key.startsWith('tone_'))
        .map(([key, { message }]) => [message, key.slice('tone_'.length)]),
    );
    const all = [...match, ...lift];
    const held = await moviesOf(
      popup,
      all.map((p) => p.id),
    );
    let named = 0;
    for (const p of all) {
      const moodReason = p.reason.split(' · ')[0]!;
      const words = moodReason.includes(': ') ? moodReason.split(': ')[1]!.split(', ') : [];
      for (const word of words) {
        const tone = toneOfWord[word];
        expect(tone, `"${word}" in "${p.reason}"`).toBeDefined();
        expect(held[p.id]!.tones[tone!]).toBeGreaterThanOrEqual(TONE_REASON_AT[tone as Tone]!);
        named++;
      }
    }
    expect(named).toBeGreaterThan(0);

    // "How long have I got": one tap, and every pick fits in 100 minutes.
    await popup.click('[data-testid="time-100"]');
    await otherPicks(
      popup,
      lift.map((p) => p.id),
    );
    const short = await shown(popup);
    const runtimes = await moviesOf(
      popup,
      short.map((p) => p.id),
    );
    for (const p of short) expect(runtimes[p.id]!.runtime).toBeLessThanOrEqual(100);

    // A thumbs-up after a mood check teaches the personal mood map; the options page shows it and forgets it.
    await popup.click(`[data-testid="pick"][data-movie-id="${short[0]!.id}"] button[data-signal="up"]`);
    await popup.waitForSelector('[data-testid="undo-bar"]');
    const events = (await storeRecords(popup, 'feedback')) as { movieId: number; mood?: unknown }[];
    expect(events).toMatchObject([{ movieId: short[0]!.id, mood: { emotion: 'sad', strategy: 'lift' } }]);
    const options = await session!.openPage('options.html');
    await options.waitForSelector('[data-testid="mood-map-status"][data-lessons="1"]');
    // It asks once more, the keyboard on Keep (the safe answer): keeping it forgets nothing and goes back.
    await options.click('[data-testid="mood-map-reset"]');
    await waitForFocus(options, '[data-testid="mood-map-reset-keep"]');
    await options.keyboard.press('Enter');
    await waitForFocus(options, '[data-testid="mood-map-reset"]');
    expect(await options.$('[data-testid="mood-map-status"][data-lessons="1"]')).not.toBeNull();
    expect(await storeRecords(options, 'feedback')).toMatchObject([{ mood: { emotion: 'sad', strategy: 'lift' } }]);
    await options.click('[data-testid="mood-map-reset"]');
    await options.click('[data-testid="mood-map-reset-confirm"]');
    await options.waitForSelector('[data-testid="mood-map-status"][data-lessons="0"]');
    const after = (await storeRecords(options, 'feedback')) as { movieId: number; mood?: unknown }[];
    expect(after).toHaveLength(1);
    expect(after[0]!.mood).toBeUndefined();
  });
});

describe('match the look of my picture', () => {
  it('turns on in the popup, brings picks that look like the picture and say so, and is remembered', async () => {
    session = await launchExtension();
    const popup = await session.openPage('popup.html');
    const picture = darkBlue(join(FACES, 'skimage_astronaut.png'), join(work, 'dark-blue.png'));
    await (await popup.$('input[data-testid="file-input"]'))!.uploadFile(picture);
    await popup.waitForSelector('[data-testid="pick"]', { timeout: 60_000 });
    // The astronaut reads happy, and a happy match keeps dark films out (the veto), so none of its films looks like a
    // night scene; lifting the mood opens animated and adventure films, some of them dark blue.
    const matched = await pickIds(popup);
    await popup.click('[data-testid="strategy-lift"]');
    await otherPicks(popup, matched);
    const reasons = () => popup.$$eval('[data-testid="pick-reason"]', (els) => els.map((e) => e.textContent ?? ''));
    const saying = (all: string[]) => all.filter((r) => r.includes('looks like your picture'));
    // Off by default: the picks follow the mood alone and none speaks of the look.
    expect(saying(await reasons())).toEqual([]);
    const before = await pickIds(popup);
    await popup.click('[data-testid="match-look"]');
    await popup.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="pick-reason"]')].some((e) =>
          e.textContent?.includes('looks like your picture'),
        ),
      { timeout: 30_000 },
    );
    expect(await pickIds(popup)).not.toEqual(before);
    for (const r of saying(await reasons())) expect(r).not.toMatch(/looks like your picture: [^·]*(bright|warm)/);
    expect(await popup.evaluate(`chrome.storage.local.get('setting.matchLook')`)).toEqual({
      'setting.matchLook': true,
    });
  });
});

describe('the hour of the check', () => {
  it('late in the evening calms a lift, and the picks that brings in say so', async () => {
    const late = MESSAGES.reason_late_evening.message;
    const lifted = async (hour: number) => {
      session = await launchExtension({ hour });
      const popup = await session.openPage('popup.html');
      await (await popup.$('input[data-testid="file-input"]'))!.uploadFile(join(FACES, 'skimage_astronaut.png'));
      await popup.waitForSelector('[data-testid="pick"]', { timeout: 60_000 });
      const matched = await pickIds(popup);
      await popup.click('[data-testid="strategy-lift"]');
      await otherPicks(popup, matched);
      const picks = await pickIds(popup);
      const reasons = await popup.$$eval('[data-testid="pick-reason"]', (els) => els.map((e) => e.textContent ?? ''));
      await session.close();
      session = null;
      return { picks, saying: reasons.filter((r) => r.includes(late)) };
    };
    const midday = await lifted(12);
    const night = await lifted(23);
    expect(midday.saying).toEqual([]);
    expect(night.saying.length).toBeGreaterThan(0);
    expect(night.picks).not.toEqual(midday.picks);
  });
});

describe('filters in Options', () => {
  it('take the streaming region from where the clock is set while none was chosen, before the language', async () => {
    // An English browser in India: where to stream in India, not in the US that English implies.
    session = await launchExtension({ timeZone: 'Asia/Kolkata' });
    const options = await session.openPage('options.html');
    await options.waitForSelector('[data-testid="tmdb-region"]');
    expect(await options.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toMatch(
      /^Asia\/(Kolkata|Calcutta)$/,
    );
    expect(await options.$eval('[data-testid="tmdb-region"]', (e) => (e as HTMLInputElement).value)).toBe('IN');
    // The code's country, named, and heard with the field.
    expect(await options.$eval('[data-testid="region-name"]', (e) => e.textContent)).toBe('India');
    const field = await options.$('[data-testid="tmdb-region"]');
    expect((await options.accessibility.snapshot({ root: field! }))?.description).toBe('India');
    // Nothing stored: a region never chosen goes on following the clock.
    expect(await options.evaluate(`chrome.storage.local.get('setting.tmdbRegion')`)).toEqual({});
    // Two letters that name no country TMDB knows (the UK's code is GB) are refused, and no country is named.
    // (Typed from the keyboard: the sections above it may still be filling in, moving it.)
    const retype = async (typed: string) => {
      await options.focus('[data-testid="tmdb-region"]');
      await options.keyboard.down('Control');
      await options.keyboard.press('KeyA');
      await options.keyboard.up('Control');
      await options.keyboard.type(typed);
    };
    await retype('uk');
    await options.waitForSelector('[data-testid="region-problem"]');
    expect(await options.$('[data-testid="region-name"]')).toBeNull();
    await retype('gb');
    await options.waitForFunction(
      () => document.querySelector('[data-testid="region-name"]')?.textContent === 'United Kingdom',
    );
    expect(await options.$('[data-testid="region-problem"]')).toBeNull();
  });

  it('refuse what is no language, year or region and keep what was saved; filters that leave nothing say so', async () => {
    session = await launchExtension();
    const options = await session.openPage('options.html');
    const languages = '[data-testid="languages"]';
    const value = (selector: string) => options.$eval(selector, (e) => (e as HTMLInputElement).value);
    /** Types into a field as a user does; its change lands when the field is left. */
    const enter = async (selector: string, typed: string) => {
      await options.focus(selector);
      await options.keyboard.down('Control');
      await options.keyboard.press('KeyA');
      await options.keyboard.up('Control');
      await options.keyboard.press('Backspace');
      await options.type(selector, typed);
      await options.keyboard.press('Tab');
    };
    const reopen = async () => {
      await options.reload();
      await options.waitForSelector(languages);
    };
    await options.waitForSelector(languages);

    await enter(languages, 'englsh, fr');
    expect(await text(options, '[data-testid="languages-problem"]')).toContain('englsh');
    expect(await options.$eval(languages, (e) => e.getAttribute('aria-invalid'))).toBe('true');
    await reopen();
    expect(await value(languages)).toBe('');
    // A language by its name, or by its code.
    await enter(languages, 'French, JA');
    expect(await text(options, '[data-testid="languages-chosen"]')).toContain('French, Japanese');
    expect(await options.$('[data-testid="languages-problem"]')).toBeNull();
    // A year cut short is said to be wrong and kept as typed, not dropped; a slip (1880 for 1980) is a year, and no
    // film in the catalogue is that old.
    await enter('[data-testid="year-min"]', '198');
    expect(await text(options, '[data-testid="years-problem"]')).toContain('1874');
    expect(await value('[data-testid="year-min"]')).toBe('198');
    await enter('[data-testid="year-min"]', '1880');
    expect(await options.$('[data-testid="years-problem"]')).toBeNull();
    await enter('[data-testid="year-max"]', '1885');
    // The streaming region: one letter is no country.
    const region = '[data-testid="tmdb-region"]';
    await enter(region, 'u');
    expect(await options.$('[data-testid="region-problem"]')).not.toBeNull();
    expect(await value(region)).toBe('u');
    await enter(region, 'de');
    expect(await options.$('[data-testid="region-problem"]')).toBeNull();
    // Saved when the field is left; stored before the page is opened again.
    const stored = (name: string) =>
      options.evaluate(
        async (key) => ((await chrome.storage.local.get(key)) as Record<string, unknown>)[key],
        `setting.${name}`,
      );
    await expect.poll(() => stored('tmdbRegion')).toBe('DE');
    await expect.poll(() => stored('filters')).toMatchObject({ languages: ['fr', 'ja'], yearMin: 1880, yearMax: 1885 });
    // Most titles' language is not known; they stay in unless the user asks for known languages only.
    const unknownLanguage = '[data-testid="unknown-language"]';
    expect(await options.$eval(unknownLanguage, (e) => (e as HTMLInputElement).checked)).toBe(true);
    await options.click(unknownLanguage);
    await expect.poll(() => stored('filters')).toMatchObject({ unknownLanguage: false });
    await reopen();
    expect(await value(languages)).toBe('French, Japanese');
    expect(await value('[data-testid="year-max"]')).toBe('1885');
    expect(await value(region)).toBe('DE');

    const popup = await session.openPage('popup.html');
    await (await popup.$('input[data-testid="file-input"]'))!.uploadFile(join(FACES, 'human_person-vlado.jpg'));
    await popup.waitForSelector('[data-testid="no-picks"]', { timeout: 60_000 });
    expect(await text(popup, '[data-testid="no-picks"]')).toBe(MESSAGES.noPicks.message);
    expect(await popup.$('[data-testid="mood-word"]')).not.toBeNull();

    // Without the years, the picks are French and Japanese films only.
    await options.bringToFront();
    await enter('[data-testid="year-min"]', '');
    await enter('[data-testid="year-max"]', '');
    await expect.poll(() => stored('filters')).toMatchObject({ yearMin: null, yearMax: null });
    await popup.bringToFront();
    await popup.click('[data-testid="different-picks"]');
    await popup.waitForSelector('[data-testid="pick"]', { timeout: 30_000 });
    const shown = await askFrom<{ language: string | null }[]>(popup, {
      type: 'movies-get',
      movieIds: await pickIds(popup),
    });
    expect(shown.length).toBeGreaterThan(0);
    for (const m of shown) expect(['fr', 'ja']).toContain(m.language);
  });
});

describe('the keyboard shortcut in Options', () => {
  it('is named, and its button, as large as the page’s others, opens the browser’s own page for changing it', async () => {
    session = await launchExtension();
    const options = await session.openPage('options.html');
    await options.waitForSelector('[data-testid="shortcut-change"]');
    expect(await text(options, '[data-testid="shortcut"]')).toContain('Alt+Shift+M');
    // Its button on a line of its own after the sentence, not at the end of the sentence's last line (where its height
    // parted the sentence's two lines).
    await options.setViewport({ width: 800, height: 900 });
    expect(
      await options.$eval('[data-testid="shortcut-change"]', (b) => {
        const line = b.parentElement!.getBoundingClientRect();
        return b.getBoundingClientRect().left - line.left;
      }),
    ).toBe(0);
    // As large as the page's other buttons (Save, Refresh now…), not the popup's small ones after a sentence.
    expect(await options.$$eval('button', (all) => [...new Set(all.map((b) => getComputedStyle(b).fontSize))])).toEqual(
      ['14px'],
    );
    const opened = session.browser.waitForTarget((t) => t.url().startsWith('chrome://extensions/shortcuts'), {
      timeout: 10_000,
    });
    await options.click('[data-testid="shortcut-change"]');
    await opened;
  });
});

describe('camera permission', () => {
  it('on first use opens the page that asks for the camera once, and explains a refusal there', async () => {
    // Without the fake UI, the camera is not yet granted and a request is refused, as when a user clicks Block.
    const video = fakeCameraVideo(join(FACES, 'human_person-vlado.jpg'), join(work, 'blocked.y4m'));
    session = await launchExtension({ fakeVideo: video, acceptCamera: false });
    const popup = await session.openPage('popup.html');
    const cameraTab = session.browser.waitForTarget((t) => t.url().endsWith('/camera.html'));
    await popup.click('[data-testid="check-camera"]');
    await popup.waitForSelector('[data-testid="notice"][data-code="camera-permission"]');
    const page = (await (await cameraTab).page())!;
    await page.waitForSelector('[data-testid="notice"]');
    expect(await page.$eval('[data-testid="notice"]', (el) => el.getAttribute('data-code'))).toBe('camera-denied');
    expect(await text(page, '[data-testid="notice"] button')).toBe('Try again');
  });

  it('never opens a second camera page: clicking again brings the first one back', async () => {
    const video = fakeCameraVideo(join(FACES, 'human_person-vlado.jpg'), join(work, 'again.y4m'));
    session = await launchExtension({ fakeVideo: video, acceptCamera: false });
    const popup = await session.openPage('popup.html');
    const cameraTabs = () => session!.browser.targets().filter((t) => t.url().endsWith('/camera.html'));
    const cameraTab = session.browser.waitForTarget((t) => t.url().endsWith('/camera.html'));
    await popup.click('[data-testid="check-camera"]');
    await cameraTab;
    for (let i = 0; i < 2; i++) {
      await popup.bringToFront();
      // A DOM click: the camera page a click brings forward may take the front again after bringToFront, and a tab
      // behind it takes no mouse input (the click would wait for ever).
      await popup.$eval('[data-testid="check-camera"]', (b) => (b as HTMLButtonElement).click());
      await popup.waitForSelector('[data-testid="notice"]');
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(cameraTabs()).toHaveLength(1);
  });

  it('says plainly when the camera is blocked, opens no page that would be refused, and its button opens the camera settings', async () => {
    const video = fakeCameraVideo(join(FACES, 'human_person-vlado.jpg'), join(work, 'denied.y4m'));
    session = await launchExtension({ fakeVideo: video, acceptCamera: false });
    // The user has blocked the camera for Moodreel in the browser's settings: every permission not listed is denied.
    await session.browser.defaultBrowserContext().overridePermissions(`chrome-extension://${session.extensionId}`, []);
    const popup = await session.openPage('popup.html');
    expect(
      await popup.evaluate(() =>
        navigator.permissions.query({ name: 'camera' as PermissionName }).then((s) => s.state),
      ),
    ).toBe('denied');
    await popup.click('[data-testid="check-camera"]');
    await popup.waitForSelector('[data-testid="notice"][data-code="camera-denied"]');
    expect(await text(popup, '[data-testid="notice"]')).toContain('Camera blocked');
    expect(await text(popup, '[data-testid="notice"] button')).toBe('Open camera settings');
    await popup.click('[data-testid="check-camera"]');
    await popup.waitForSelector('[data-testid="notice"][data-code="camera-denied"]');
    expect(session.browser.targets().filter((t) => t.url().endsWith('/camera.html'))).toHaveLength(0);
    const settings = session.browser.waitForTarget((t) => t.url().startsWith('chrome://settings/content/camera'), {
      timeout: 10_000,
    });
    await popup.click('[data-testid="notice"] button');
    await settings;
  });

  it('confirms on the camera page when access is granted', async () => {
    session = await launchExtension({
      fakeVideo: fakeCameraVideo(join(FACES, 'human_person-vlado.jpg'), join(work, 'ok.y4m')),
    });
    const page = await session.openPage('camera.html');
    await page.waitForSelector('[data-testid="camera-granted"]');
  });

  it('says when there is no camera at all', async () => {
    session = await launchExtension({ acceptCamera: true });
    const page = await session.openPage('camera.html');
    await page.waitForSelector('[data-testid="notice"]');
    const code = await page.$eval('[data-testid="notice"]', (el) => el.getAttribute('data-code'));
    expect(code).toMatch(/camera-(missing|failed)/);
    // What to do from here: this tab is the camera page, so not "this tab's video" but the toolbar's other sources.
    if (code === 'camera-missing') {
      expect(await text(page, '[data-testid="notice"]')).not.toContain('this tab');
      expect(await text(page, '[data-testid="notice"]')).toContain('toolbar');
    }
  });
});

describe('this tab’s video', () => {
  it('gives a plain message when the tab may not be captured', async () => {
    // Opened from the service worker, the popup has no activeTab grant (a toolbar click would give one), so the
    // capture is refused: the user must get the explanation, not a spinner or a stack trace.
    session = await launchExtension();
    const tab = await session.browser.newPage();
    await tab.goto('data:text/html,<h1>A page with a video</h1>');
    const popupTarget = session.browser.waitForTarget((t) => t.url().endsWith('/popup.html'));
    const worker = await (await session.browser.waitForTarget((t) => t.type() === 'service_worker')).worker();
    await worker!.evaluate(() => chrome.action.openPopup());
    const popup = (await (await popupTarget).asPage())!;
    await popup.waitForSelector('[data-testid="check-tab"]');
    await popup.click('[data-testid="check-tab"]');
    await popup.waitForSelector('[data-testid="notice"]', { timeout: 30_000 });
    expect(await popup.$eval('[data-testid="notice"]', (el) => el.getAttribute('data-code'))).toBe('capture-failed');
    expect(await text(popup, '[data-testid="notice"]')).toContain('Could not capture this tab');
  });
});

describe('message protocol in the running extension', () => {
  it('rejects malformed requests and requests from the wrong sender, and still serves good ones', async () => {
    session = await launchExtension();
    const popup = await session.openPage('popup.html');
    const send = (message: unknown) => popup.evaluate((m) => chrome.runtime.sendMessage(m), message);
    const image = dataUrl(join(FACES, 'human_person-vlado.jpg'));

    const good = (await send({ type: 'analyze-image', image, detector: 'tiny', backend: 'auto' })) as {
      ok: boolean;
      value: { faces: unknown[] };
    };
    expect(good.ok).toBe(true);
    expect(good.value.faces.length).toBe(1);

    expect(
      await send({ type: 'analyze-image', image: 'javascript:alert(1)', detector: 'tiny', backend: 'auto' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-message' },
    });
    // Only the background may talk to the offscreen document; a page that tries is refused by it.
    expect(await send({ type: 'offscreen:analyze', image, detector: 'tiny', backend: 'auto' })).toMatchObject({
      ok: false,
      error: { code: 'foreign-sender' },
    });
    expect(
      await send({ type: 'analyze-image', image: 'data:image/jpeg;base64,AAAA', detector: 'tiny', backend: 'auto' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad-image' },
    });
  });
});
