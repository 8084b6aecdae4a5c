import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type MessagesFile = Record<string, { message: string }>;
const read = (locale: string) =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as MessagesFile;

const english = read('en');
const locales = readdirSync('public/_locales').filter((l) => l !== 'en');
const placeholders = (text: string) => [...text.matchAll(/\$\d/g)].map((m) => m[0]).sort();
/** Counted messages: `<base>_other` names the base, and each language words its own plural categories. */
const pluralBases = Object.keys(english)
  .filter((k) => k.endsWith('_other'))
  .map((k) => k.slice(0, -'_other'.length));
const PLURAL_KEY = new RegExp(`^(${pluralBases.join('|')})_(zero|one|two|few|many|other)$`);

describe('locales', () => {
  it('are the six the product speaks', () => {
    expect(locales.sort()).toEqual(['de', 'es', 'fr', 'ja', 'pt_BR']);
  });

  for (const locale of locales) {
    describe(locale, () => {
      const messages = read(locale);

      it('has every English key, with the same placeholders, and nothing else but plural forms', () => {
        for (const [key, { message }] of Object.entries(english)) {
          expect(messages[key], `${locale}: ${key}`).toBeDefined();
          expect(placeholders(messages[key]!.message), `${locale}: ${key}`).toEqual(placeholders(message));
        }
        for (const key of Object.keys(messages)) {
          if (!(key in english)) expect(key, `${locale}: unexpected key`).toMatch(PLURAL_KEY);
        }
      });

      it('words every plural category its language has (Intl.PluralRules)', () => {
        const categories = new Intl.PluralRules(locale.replace('_', '-')).resolvedOptions().pluralCategories;
        for (const base of pluralBases) {
          for (const c of categories) {
            expect(messages[`${base}_${c}`]?.message, `${locale}: ${base}_${c}`).toMatch(/\$1/);
          }
        }
      });

      it('translates what a user reads (at most names, codes and numbers stay as in English)', () => {
        const same = Object.keys(english).filter((k) => messages[k]!.message === english[k]!.message);
        const allowed =
          /^(extName|verbatim|reason_genres|actionOn|reason_mood|detector|genre_.*|minutes|timeUpTo|options|moodDetails|variety|tmdbRegion|colService|theme|tone_(romantic|sad)|look_warm|emotion_surprised|store_tmdbCache)$/;
        for (const key of same) expect(key, `${locale}: "${english[key]!.message}" left in English`).toMatch(allowed);
      });

      it('has a store description of its own', () => {
        const long = readFileSync(`docs/store/${locale}.md`, 'utf8');
        expect(long.length).toBeGreaterThan(500);
        expect(long).not.toBe(readFileSync('docs/store/en.md', 'utf8'));
      });

      it('keeps the manifest texts within the stores’ limits', () => {
        expect(messages.extName!.message.length).toBeLessThanOrEqual(45);
        expect(messages.extDescription!.message.length).toBeLessThanOrEqual(132);
      });
    });
  }

  it('keeps French punctuation with its word: a no-break space before : ; ! ? » and after «, so no line starts with one', () => {
    const loose = / [:;!?»]|« |\n[:;!?»]|«\n/;
    const texts = [
      ...Object.entries(read('fr')).map(([key, { message }]) => [key, message] as const),
      ['docs/store/fr.md', readFileSync('docs/store/fr.md', 'utf8')] as const,
    ];
    expect(texts.filter(([, text]) => loose.test(text)).map(([where]) => where)).toEqual([]);
    // And the space is there: "Moodreel : lire…", not "Moodreel: lire…".
    expect(read('fr').actionTitle!.message).toMatch(/^Moodreel\u00a0: /);
  });
});
