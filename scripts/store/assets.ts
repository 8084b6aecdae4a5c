/**
 * `npm run store-assets`: what the Chrome Web Store and addons.mozilla.org ask for, made from the built extension in
 * real Chromium started in each of its languages (into `.output/store/`, git-ignored):
 *
 * - per locale: three 1280×800 screenshots (the popup with picks, the overlay on a player, history and your data),
 *   the short description (the manifest's) and the long one (`docs/store/<locale>.md`);
 * - a 440×280 promo tile per locale;
 * - the privacy policy as a page: the README's Privacy section with the tables of docs/privacy.md;
 * - `review.md`: the single-purpose statement and a justification for every permission of both built manifests (the
 *   permissions table of docs/privacy.md); the script fails when a permission has none.
 *
 * The photo is the public-domain NASA astronaut portrait from ../shared/data/faces (never committed or shipped).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { marked } from 'marked';
import type { Page } from 'puppeteer';
import { launchExtension, type ExtensionSession } from '../../tests/support/chromium';
import { FACES } from '../../tests/support/images';
import { inOverlay, settledInOverlay, waitInOverlay } from '../../tests/support/overlay';
// The screenshot shows what a user sees without scrolling.
import { POPUP_MAX_HEIGHT } from '../../tests/support/picks';
import { clipOf, startSiteServer } from '../../tests/support/site-server';

const OUT = resolve('.output/store');
const LOCALES = ['en', 'de', 'es', 'fr', 'ja', 'pt_BR'] as const;
const PHOTO = join(FACES, 'skimage_astronaut.png');

type Messages = Record<string, { message: string }>;
const messagesOf = (locale: string) =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Messages;

interface Made {
  file: string;
  what: string;
  size: string;
}
const made: Made[] = [];
function write(file: string, what: string, content: string | Buffer, size = `${content.length} B`): void {
  const path = join(OUT, file);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  made.push({ file, what, size });
}

const png = async (page: Page, clip?: { x: number; y: number; width: number; height: number }) =>
  Buffer.from(await page.screenshot({ type: 'png', clip }));
const dataUrl = (image: Buffer) => `data:image/png;base64,${image.toString('base64')}`;
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page of the given size: a headline and a line under it, and the real screenshots side by side. */
async function stage(
  page: Page,
  size: { width: number; height: number },
  lang: string,
  text: { headline: string; line: string },
  images: { src: Buffer; width: number }[],
): Promise<Buffer> {
  await page.setViewport(size);
  await page.setContent(`<!doctype html><html lang="${lang}"><meta charset="utf-8"><style>
    /* A margin of the store's own at each side: the words give up width before the screenshots do. */
    body { margin: 0; width: ${size.width}px; height: ${size.height}px; overflow: hidden; display: flex; gap: 48px;
      box-sizing: border-box; padding: 0 48px; align-items: center; justify-content: center;
      font-family: system-ui, sans-serif; color: #1c1b22; background: linear-gradient(135deg, #f3efff 0%, #ffe9f1 100%); }
    /* Japanese lines break between phrases, not inside a word ("保 / 存"). */
    .words { flex: 0 1 300px; min-width: 0; word-break: auto-phrase; }
    h1 { font-size: 38px; line-height: 1.2; margin: 0 0 16px; }
    p { font-size: 19px; line-height: 1.45; margin: 0; color: #4a4759; }
    .shots { display: flex; flex: none; gap: 24px; align-items: center; }
    img { border-radius: 12px; box-shadow: 0 18px 48px rgb(40 20 80 / 28%); }
  </style><div class="words"><h1>${escape(text.headline)}</h1><p>${escape(text.line)}</p></div>
  <div class="shots">${images.map((i) => `<img src="${dataUrl(i.src)}" width="${i.width}">`).join('')}</div>`);
  await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
  return png(page);
}

async function promoTile(page: Page, lang: string, messages: Messages): Promise<Buffer> {
  await page.setViewport({ width: 440, height: 280 });
  const icon = readFileSync('public/icon/128.png');
  await page.setContent(`<!doctype html><html lang="${lang}"><meta charset="utf-8"><style>
    body { margin: 0; width: 440px; height: 280px; display: flex; align-items: center; gap: 22px; padding: 0 32px;
      box-sizing: border-box; font-family: system-ui, sans-serif; color: #fff;
      background: linear-gradient(135deg, #5b3cc4 0%, #c2336e 100%); }
    h1 { font-size: 40px; margin: 0 0 8px; } p { font-size: 17px; line-height: 1.35; margin: 0; }
  </style><img src="data:image/png;base64,${icon.toString('base64')}" width="96" height="96">
  <div><h1>${escape(messages.extName!.message)}</h1><p>${escape(messages.tagline!.message)}</p></div>`);
  return png(page);
}

/** The popup after a mood check from the photo, its first screen; then its History tab. */
async function popupShots(session: ExtensionSession): Promise<{ picks: Buffer; history: Buffer }> {
  const popup = await session.openPage('popup.html');
  await popup.setViewport({ width: 392, height: 1200 });
  await (await popup.$('input[data-testid="file-input"]'))!.uploadFile(PHOTO);
  await popup.waitForSelector('[data-testid="pick"]', { timeout: 90_000 });
  await new Promise((r) => setTimeout(r, 1500)); // posters' placeholders and the list settle
  const box = (await (await popup.$('main'))!.boundingBox())!;
  const clip = { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, POPUP_MAX_HEIGHT) };
  const picks = await png(popup, clip);
  await popup.click('[data-testid="tab-history"]');
  await popup.waitForSelector('[data-testid="history-entry"]');
  const history = await png(popup, {
    ...clip,
    height: Math.min((await (await popup.$('main'))!.boundingBox())!.height, POPUP_MAX_HEIGHT),
  });
  await popup.close();
  return { picks, history };
}

async function privacyShot(session: ExtensionSession): Promise<Buffer> {
  const page = await session.openPage('privacy.html');
  await page.setViewport({ width: 680, height: 1000 });
  // The counts filled in, not the "…" they show while the store is read (longer while the catalogue imports).
  await page.waitForFunction(() => {
    const count = document.querySelector('[data-testid="count-history"]');
    return count !== null && count.textContent !== '…';
  });
  await new Promise((r) => setTimeout(r, 300));
  const box = (await (await page.$('main'))!.boundingBox())!;
  // With the page's own margin above and below its parts (the heading starts at the top of <main>).
  const margin = 20;
  const shot = await png(page, {
    x: box.x - margin,
    y: box.y - margin,
    width: box.width + 2 * margin,
    height: Math.min(box.height + 2 * margin, 780),
  });
  await page.close();
  return shot;
}

/** The overlay on the YouTube fixture's player, opened from its badge, having read the frame. */
async function overlayShot(session: ExtensionSession, url: string): Promise<Buffer> {
  const page = await session.browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(url);
  await waitInOverlay(page, '[data-testid="overlay-badge"], [data-testid="overlay-panel"]', 30_000);
  if (await page.$(inOverlay('[data-testid="overlay-badge"]'))) {
    await page.click(inOverlay('[data-testid="overlay-badge"]'));
  }
  await waitInOverlay(page, '[data-testid="overlay-read-frame"]');
  await page.click(inOverlay('[data-testid="overlay-read-frame"]'));
  await waitInOverlay(page, '[data-via]', 90_000);
  await settledInOverlay(page, '[data-testid="pick"]');
  const shot = await png(page);
  await page.close();
  return shot;
}

/** A markdown section of `text` from its heading to the next heading of the same level. */
function section(text: string, heading: string): string {
  const level = heading.match(/^#+/)![0];
  const start = text.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`No "${heading}" section`);
  const rest = text.slice(start + heading.length + 1);
  const end = rest.search(new RegExp(`^${level} `, 'm'));
  return end < 0 ? rest : rest.slice(0, end);
}

/** Rows of a markdown table as [first cell, second cell]. */
function tableRows(markdown: string): [string, string][] {
  return markdown
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
    .slice(1)
    .map((l) => l.split('|').map((c) => c.trim()))
    .map((cells) => [cells[1]!, cells[2]!]);
}

function privacyPolicy(): string {
  const readme = readFileSync('README.md', 'utf8');
  const details = readFileSync('docs/privacy.md', 'utf8');
  const stored = details.slice(details.indexOf('**What is stored, and where**'), details.indexOf('**Privacy proof**'));
  const markdown = [
    '# Moodreel privacy policy',
    section(readme, '## Privacy').replace(/ The details,[\s\S]*$/, ''),
    '## What is stored, and where',
    stored.replace(
      /^\*\*What is stored, and where\*\* \((.*?)\):/s,
      (_, note: string) => `${note[0]!.toUpperCase()}${note.slice(1)}.`,
    ),
    '## Permissions',
    section(details, '## Permissions'),
    'Contact: the issue tracker of the Moodreel repository.',
  ].join('\n\n');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Moodreel privacy policy</title><style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 860px;
margin: 40px auto; padding: 0 20px; } table { border-collapse: collapse; } td, th { border: 1px solid #ccc;
padding: 4px 8px; vertical-align: top; text-align: left; }</style>
${marked.parse(markdown, { async: false })}</html>\n`;
}

/** Single purpose and every permission of both built manifests with its reason; throws on one without. */
function review(): string {
  const rows = tableRows(section(readFileSync('docs/privacy.md', 'utf8'), '## Permissions'));
  const reasons = new Map(rows.map(([name, why]) => [name.replace(/`/g, ''), why]));
  const hostReason = rows.find(([name]) => name.startsWith('host access'));
  const lines: string[] = [];
  for (const dir of ['.output/chrome-mv3', '.output/firefox-mv2']) {
    const manifestPath = join(dir, 'manifest.json');
    if (!existsSync(manifestPath)) throw new Error(`No ${manifestPath}: run \`npm run build\` and \`build:firefox\``);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      permissions?: string[];
      host_permissions?: string[];
      content_scripts?: { matches: string[] }[];
    };
    lines.push(`### ${dir.split('/').pop()}`, '');
    for (const permission of manifest.permissions ?? []) {
      const host = permission.includes('://');
      const why = host ? hostReason?.[1] : reasons.get(permission);
      if (!why) throw new Error(`${dir}: the permission "${permission}" has no reason in docs/privacy.md`);
      lines.push(`- \`${permission}\`: ${why}`);
    }
    const hosts = [...(manifest.host_permissions ?? []), ...(manifest.content_scripts ?? []).flatMap((c) => c.matches)];
    if (hosts.length > 0) {
      if (!hostReason) throw new Error('docs/privacy.md gives no reason for host access');
      lines.push(`- host access (${[...new Set(hosts)].join(', ')}): ${hostReason[1]}`);
    }
    lines.push('');
  }
  return [
    '# Moodreel: store review answers',
    '',
    '## Single purpose',
    '',
    readFileSync('docs/store/single-purpose.md', 'utf8').trim(),
    '',
    '## Permissions and why',
    '',
    ...lines,
    '## Data use',
    '',
    'Moodreel collects no user data: nothing is sent to the developer or anyone else (Firefox:',
    '`data_collection_permissions: { required: ["none"] }`). With a TMDB key the user enters, the key and movie ids',
    'go to TMDB to fetch posters and new titles.',
    '',
  ].join('\n');
}

/** A long description as plain text: paragraphs apart, one list item per line, no hard wraps (the stores keep breaks). */
function plainText(markdown: string): string {
  const unwrap = (text: string) => text.replace(/\n\s*/g, ' ').trim();
  return markdown
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split(/\n(?=• )/)
        .map(unwrap)
        .join('\n'),
    )
    .join('\n\n');
}

async function main(): Promise<void> {
  write('review.md', 'single purpose, permissions', review());
  write('privacy-policy.html', 'privacy policy page', privacyPolicy());
  const media = mkdtempSync(join(tmpdir(), 'moodreel-store-'));
  clipOf(PHOTO, join(media, 'face.webm'));
  const server = await startSiteServer(media);
  try {
    for (const locale of LOCALES) {
      const messages = messagesOf(locale);
      const lang = locale.replace('_', '-');
      const short = messages.extDescription!.message;
      write(`${locale}/short-description.txt`, 'short description', `${short}\n`, `${short.length} chars`);
      const long = plainText(readFileSync(`docs/store/${locale}.md`, 'utf8'));
      write(`${locale}/long-description.txt`, 'long description', `${long}\n`, `${long.length} chars`);

      const session = await launchExtension({ language: locale, extraArgs: server.chromiumArgs });
      try {
        const { picks, history } = await popupShots(session);
        const privacy = await privacyShot(session);
        const overlay = await overlayShot(session, server.url('www.youtube.com', '/watch?v=store'));
        const stagePage = await session.browser.newPage();
        const screen = { width: 1280, height: 800 };
        const shots: [string, Buffer][] = [
          [
            '1-popup-picks.png',
            await stage(
              stagePage,
              screen,
              lang,
              { headline: messages.tagline!.message, line: messages.noImagesMore!.message },
              [{ src: picks, width: 392 }],
            ),
          ],
          ['2-overlay.png', overlay],
          [
            '3-history-your-data.png',
            await stage(
              stagePage,
              screen,
              lang,
              { headline: messages.privacyTitle!.message, line: messages.takeOrWipe!.message },
              [
                { src: history, width: 340 },
                { src: privacy, width: 540 },
              ],
            ),
          ],
        ];
        for (const [name, image] of shots)
          write(`${locale}/${name}`, 'screenshot 1280×800', image, `${image.length} B`);
        const tile = await promoTile(stagePage, lang, messages);
        write(`${locale}/promo-tile-440x280.png`, 'promo tile 440×280', tile, `${tile.length} B`);
      } finally {
        await session.close();
      }
      console.error(`${locale}: done`);
    }
  } finally {
    await server.close();
    rmSync(media, { recursive: true, force: true });
  }

  console.log('| file | what | size |');
  console.log('| --- | --- | --- |');
  for (const m of made) console.log(`| ${m.file} | ${m.what} | ${m.size} |`);
  const screenshots = made.filter((m) => m.what.startsWith('screenshot')).length;
  console.log(JSON.stringify({ out: OUT, locales: LOCALES.length, screenshots, files: made.length }));
}

await main();
