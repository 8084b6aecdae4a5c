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

  it('reports words that are no language code instead of keeping them', () => {
    expect(parseLanguages('english, fr, xx, pt-br, qq', 'en')).toEqual({
      codes: ['fr'],
      names: ['French'],
      unknown: ['english', 'xx', 'pt-br', 'qq'],
    });
  });

  it('reads an empty field as no filter', () => {
    expect(parseLanguages(' , ', 'en')).toEqual({ codes: [], names: [], unknown: [] });
  });
});
