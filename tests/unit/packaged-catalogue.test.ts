/** Invariants of the catalogue the extension ships (public/catalogue), checked on the real file. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEXICON_VERSION } from '../../models/catalogue/lexicon';
import { TONES } from '../../models/catalogue/tones';
import { CATALOGUE_DIR, readPackedCatalogue } from '../../scripts/lib/catalogue';
import { unmangled } from '../../scripts/lib/mojibake';

const { manifest, movies } = readPackedCatalogue();

describe('packaged catalogue', () => {
  it('matches its manifest: checksum, size, counts, lexicon version', () => {
    for (const [file, { sha256, bytes }] of Object.entries(manifest.files)) {
      const content = readFileSync(join(CATALOGUE_DIR, file));
      expect(createHash('sha256').update(content).digest('hex'), file).toBe(sha256);
      expect(content.length, file).toBe(bytes);
    }
    expect(Object.keys(manifest.files).sort()).toEqual(['embeddings.json.gz', 'movies.json.gz']);
    expect(manifest.counts.movies).toBe(movies.length);
    expect(manifest.lexiconVersion).toBe(LEXICON_VERSION);
    expect(manifest.sources.join(' ')).toContain(
      'This product uses the TMDB API but is not endorsed or certified by TMDB.',
    );
  });

  it('names people as they are written, none mangled by a wrong encoding on the way', () => {
    const names = new Set(movies.flatMap((m) => [...m.directors, ...m.cast]));
    expect([...names].filter((name) => unmangled(name) !== name)).toEqual([]);
  });

  it('holds at least 30,000 titles with unique ids', () => {
    expect(movies.length).toBeGreaterThanOrEqual(30_000);
    expect(new Set(movies.map((m) => m.movieId)).size).toBe(movies.length);
  });

  it('holds facts and figures only', () => {
    const allowed = [
      'movieId',
      'tmdbId',
      'imdbId',
      'title',
      'year',
      'genres',
      'keywords',
      'directors',
      'cast',
      'runtime',
      'language',
      'tmdbRating',
      'tmdbVotes',
      'popularity',
      'mlRatings',
      'mlMean',
      'adult',
      'profile',
    ];
    const expected = [...allowed].sort().join();
    expect(movies.filter((m) => Object.keys(m).sort().join() !== expected)).toEqual([]);
    // Prose would show up as long strings: titles, keywords and names are short.
    let longest = 0;
    for (const m of movies)
      for (const s of [m.title, ...m.keywords, ...m.directors, ...m.cast]) longest = Math.max(longest, s.length);
    expect(longest).toBeLessThan(200);
  });

  it('gives every title a valid mood profile', () => {
    const invalid = movies.filter(
      (m) =>
        TONES.some((t) => !(m.profile.tones[t] >= 0 && m.profile.tones[t] <= 1)) ||
        !(Math.abs(m.profile.valence) <= 1) ||
        !(Math.abs(m.profile.arousal) <= 1) ||
        m.genres.length === 0,
    );
    expect(invalid.map((m) => m.movieId)).toEqual([]);
  });
});
