import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const messages = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<
  string,
  { message: string }
>;

describe('English messages', () => {
  it('are valid Chrome i18n messages: allowed names, non-empty text, $1…$9 only', () => {
    for (const [name, { message }] of Object.entries(messages)) {
      expect(name).toMatch(/^[A-Za-z0-9_@]+$/);
      expect(message.trim().length, name).toBeGreaterThan(0);
      for (const ref of message.match(/\$[^$\s]*/g) ?? []) expect(ref, name).toMatch(/^\$[1-9]\b/);
    }
  });

  it('give every problem both a title and a body, and name the manifest', () => {
    const titles = Object.keys(messages).filter((k) => /^problem_.*_title$/.test(k));
    expect(titles.length).toBeGreaterThan(10);
    for (const t of titles) expect(messages[t.replace(/_title$/, '_body')], t).toBeDefined();
    for (const k of ['extName', 'extDescription', 'actionTitle', 'commandOpen', 'menuReadFrame'])
      expect(messages[k], k).toBeDefined();
  });
});

describe('camera problems', () => {
  it('name each getUserMedia failure, busy included (a fake camera cannot be made busy)', async () => {
    const { cameraProblemOf, problemText } = await import('../../models/problems');
    expect(cameraProblemOf('NotAllowedError')).toBe('camera-denied');
    expect(cameraProblemOf('NotFoundError')).toBe('camera-missing');
    expect(cameraProblemOf('NotReadableError')).toBe('camera-busy');
    expect(cameraProblemOf('AbortError')).toBe('camera-busy');
    expect(cameraProblemOf('TypeError')).toBe('camera-failed');
    for (const code of ['camera-denied', 'camera-missing', 'camera-busy', 'camera-failed'] as const) {
      const text = problemText(code);
      expect(messages[text.title], code).toBeDefined();
      expect(messages[text.body], code).toBeDefined();
    }
  });
});

describe('pages closed to Moodreel', () => {
  it('say a file can be allowed only where the browser lets the user allow files, with a message for each', async () => {
    const { closedPageProblem, problemText } = await import('../../models/problems');
    expect(closedPageProblem('file:///home/me/Films/holiday.webm', true)).toBe('file-closed');
    expect(closedPageProblem('file:///home/me/Films/holiday.webm', false)).toBe('page-closed');
    expect(closedPageProblem('https://chromewebstore.google.com/detail/x', true)).toBe('page-closed');
    expect(closedPageProblem(undefined, true)).toBe('page-closed');
    for (const code of ['file-closed', 'page-closed'] as const) {
      const text = problemText(code);
      expect(messages[text.title], code).toBeDefined();
      expect(messages[text.body], code).toBeDefined();
    }
  });
});
