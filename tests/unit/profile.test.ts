import { describe, expect, it } from 'vitest';
import { GENRE_TONES, KEYWORD_TONES, LEXICON_VERSION } from '../../models/catalogue/lexicon';
import { neighbourMean } from '../../models/catalogue/profile';
import { SHIPPED_READER } from '../../models/catalogue/shipped-tones';
import { TONES } from '../../models/catalogue/tones';

describe('lexicon', () => {
  it('is versioned and names only known tones with sane weights', () => {
    expect(LEXICON_VERSION).toBeGreaterThanOrEqual(1);
    const tables = [...Object.values(GENRE_TONES), ...KEYWORD_TONES.map(([, w]) => w)];
    for (const weights of tables) {
      for (const [tone, w] of Object.entries(weights)) {
        expect(TONES).toContain(tone);
        expect(w).toBeGreaterThan(0);
        expect(w).toBeLessThanOrEqual(1);
      }
    }
    const terms = KEYWORD_TONES.map(([t]) => t);
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('matches keywords on whole words, multi-word terms and plurals', () => {
    expect(SHIPPED_READER.keywordRules('haunted house').length).toBeGreaterThanOrEqual(1);
    expect(SHIPPED_READER.keywordRules('ghosts')).toContainEqual(KEYWORD_TONES.find(([t]) => t === 'ghost')![1]);
    expect(SHIPPED_READER.keywordRules('romantic comedy')).toContainEqual(
      KEYWORD_TONES.find(([t]) => t === 'comedy')![1],
    );
    // "love" must not fire inside "glove".
    expect(SHIPPED_READER.keywordRules('glove')).toEqual([]);
  });
});

describe('profileOf', () => {
  it('reads a haunted-house horror as scary and unpleasant, a comedy as funny and pleasant', () => {
    const horror = SHIPPED_READER.profileOf({ genres: ['Horror'], keywords: ['haunted house', 'ghost', 'possession'] });
    const comedy = SHIPPED_READER.profileOf({ genres: ['Comedy', 'Romance'], keywords: ['wedding', 'best friend'] });
    expect(horror.tones.scary).toBeGreaterThan(0.8);
    expect(horror.valence).toBeLessThan(0);
    expect(horror.arousal).toBeGreaterThan(0);
    expect(comedy.tones.funny).toBeGreaterThan(0.5);
    expect(comedy.tones.romantic).toBeGreaterThan(0.5);
    expect(comedy.valence).toBeGreaterThan(0.3);
    for (const p of [horror, comedy]) {
      for (const t of TONES) expect(p.tones[t]).toBeGreaterThanOrEqual(0);
      for (const t of TONES) expect(p.tones[t]).toBeLessThan(1);
    }
  });

  it('lets keywords say what genres cannot', () => {
    const drama = { genres: ['Drama'], keywords: ['terminal illness', 'grief', 'funeral'] };
    expect(SHIPPED_READER.profileOf(drama).tones.sad).toBeGreaterThan(
      SHIPPED_READER.profileOf(drama, { useKeywords: false }).tones.sad + 0.3,
    );
    expect(SHIPPED_READER.toneEvidence(drama, { useKeywords: false }).sad).toBe(GENRE_TONES.Drama!.sad);
  });

  it('keeps a title without evidence at the centre of the circumplex', () => {
    const p = SHIPPED_READER.profileOf({ genres: [], keywords: [] });
    expect(p.valence).toBe(0);
    expect(p.arousal).toBe(0);
  });
});

describe('neighbourMean', () => {
  it("is the similarity-weighted mean of the neighbours' tones, ignoring dissimilar ones", () => {
    const scary = SHIPPED_READER.profileOf({ genres: ['Horror'], keywords: ['ghost'] }).tones;
    const funny = SHIPPED_READER.profileOf({ genres: ['Comedy'], keywords: ['parody'] }).tones;
    const mean = neighbourMean([
      { tones: scary, similarity: 0.9 },
      { tones: funny, similarity: 0.1 },
      { tones: funny, similarity: -0.5 },
    ])!;
    expect(mean.scary).toBeCloseTo(0.9 * scary.scary + 0.1 * funny.scary, 6);
    expect(mean.scary).toBeGreaterThan(mean.funny);
    expect(neighbourMean([])).toBeNull();
    expect(neighbourMean([{ tones: funny, similarity: -1 }])).toBeNull();
  });
});
