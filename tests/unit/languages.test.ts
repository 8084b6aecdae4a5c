import { describe, expect, it } from 'vitest';
import { parseLanguages } from '../../models/recommend/languages';

describe('parseLanguages', () => {
  it('keeps two-letter language codes, each once, with their names in the reader’s language', () => {
    expect(parseLanguages(' EN, fr  ja,en', 'en')).toEqual({
      codes: ['en', 'fr', 'ja'],
      names: ['English', 'French', 'Japanese'],
      unknown: [],
    });
    expect(parseLanguages('fr; de', 'de').names).toEqual(['Französisch', 'Deutsch']);
    // TMDB's own code for Cantonese.
    expect(parseLanguages('cn', 'en')).toMatchObject({ codes: ['cn'], names: ['Cantonese'] });
  });

  it('reads language names in the reader’s language or in English, whole or word by word, as their codes', () => {
    expect(parseLanguages('English, français; Norwegian Bokmål', 'fr')).toMatchObject({
      codes: ['en', 'fr', 'nb'],
      names: ['anglais', 'français', 'norvégien bokmål'],
    });
    expect(parseLanguages('japanese korean, it', 'en').codes).toEqual(['ja', 'ko', 'it']);
    expect(parseLanguages('英語、日本語', 'ja')).toMatchObject({ codes: ['en', 'ja'], names: ['英語', '日本語'] });
    expect(parseLanguages('Ingles, Espanol', 'es').codes).toEqual(['en', 'es']);
    // Today's codes, as TMDB writes them, not the withdrawn ones; and TMDB's Cantonese.
    expect(parseLanguages('Hebrew, Romanian, Indonesian, Cantonese', 'en').codes).toEqual(['he', 'ro', 'id', 'cn']);
  });

  it('reports words that are no language instead of keeping them', () => {
    expect(parseLanguages('englsh, fr, xx, pt-br, qq, Klingon', 'en')).toEqual({
      codes: ['fr'],
      names: ['French'],
      unknown: ['englsh', 'xx', 'pt-br', 'qq', 'klingon'],
    });
  });

  it('reads an empty field as no filter', () => {
    expect(parseLanguages(' , ', 'en')).toEqual({ codes: [], names: [], unknown: [] });
  });
});
