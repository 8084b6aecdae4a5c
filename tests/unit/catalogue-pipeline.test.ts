/**
 * `npm run catalogue:build` on a tiny dataset written here, shaped like ../shared/data (same files, columns and
 * quirks: Python-literal keywords, JSON keywords, pipe lists, quoted prose with commas and newlines).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildCatalogue } from '../../scripts/catalogue/build';
import { readPackedCatalogue } from '../../scripts/lib/catalogue';
import { scratchDir } from '../support/scratch';

function write(root: string, file: string, text: string) {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file.endsWith('.gz') ? gzipSync(text) : text);
}

function fixture(): string {
  const root = scratchDir('data');
  write(
    root,
    'movielens/ml-32m-metadata/movies.csv',
    [
      'movieId,title,genres',
      '1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy',
      '2,"Haunting, The (1999)",Horror|Thriller',
      '3,Nothing Known (2001),Drama',
      '4,No Genres (2002),(no genres listed)',
      '5,Toy Story (2030),Comedy',
    ].join('\n'),
  );
  write(root, 'movielens/ml-25m-metadata/movies.csv', 'movieId,title,genres\n6,Only In 25m (1990),Romance\n');
  write(
    root,
    'movielens/ml-25m-metadata/links.csv',
    'movieId,imdbId,tmdbId\n1,0114709,862\n2,0171363,11618\n4,0000004,444\n6,0000006,666\n',
  );
  write(root, 'movielens/ml-latest-small/tags.csv', 'userId,movieId,tag,timestamp\n1,1,funny,1\n1,2,creepy,1\n');
  write(root, 'movielens/ml-latest-small/links.csv', 'movieId,imdbId,tmdbId\n1,0114709,862\n');
  write(
    root,
    'movielens/ml-latest-small/ratings.csv',
    'userId,movieId,rating,timestamp\n1,1,5.0,1\n2,1,4.0,2\n1,5,1.0,3\n',
  );
  write(root, 'tmdb/the-movies-dataset/links.csv', 'movieId,imdbId,tmdbId\n');
  write(
    root,
    'tmdb/the-movies-dataset/keywords.csv.gz',
    [
      'id,keywords',
      `862,"[{'id': 931, 'name': 'jealousy'}, {'id': 4290, 'name': 'toy'}, {'id': 6054, 'name': 'friendship'}]"`,
      `11618,"[{'id': 1, 'name': 'haunted house'}, {'id': 2, 'name': ""children's book""}]"`,
      `666,"[{'id': 3, 'name': 'love'}]"`,
    ].join('\n'),
  );
  write(
    root,
    'tmdb/udacity-tmdb-movies/tmdb-movies.csv.gz',
    [
      'id,imdb_id,popularity,budget,revenue,original_title,cast,homepage,director,tagline,keywords,overview,runtime,genres,production_companies,release_date,vote_count,vote_average,release_year,budget_adj,revenue_adj',
      '862,tt0114709,9.5,0,0,Toy Story,Tom Hanks|Tim Allen,,John Lasseter,"To infinity, and beyond",toy|rivalry,"A cowboy doll is profoundly threatened,\nand jealous.",81,Animation,,10/30/95,5000,7.7,1995,0,0',
    ].join('\n'),
  );
  write(
    root,
    'tmdb/tmdb-5000/tmdb_5000_movies.csv.gz',
    [
      'budget,genres,homepage,id,keywords,original_language,original_title,overview,popularity,production_companies,production_countries,release_date,revenue,runtime,spoken_languages,status,tagline,title,vote_average,vote_count',
      '0,[],,862,"[{""id"": 9, ""name"": ""buddy""}]",en,Toy Story,"Led by Woody, toys live happily.",21.9,[],[],1995-10-30,0,81,[],Released,,Toy Story,7.7,5415',
    ].join('\n'),
  );
  return root;
}

describe('catalogue pipeline on a fixture dataset', () => {
  const data = fixture();
  const out = scratchDir('cat');
  const { manifest, movies } = buildCatalogue(data, out);
  const byId = new Map(movies.map((m) => [m.movieId, m]));

  it('keeps titles with genres and a signal, and says what it left out', () => {
    expect([...byId.keys()]).toEqual([1, 2, 5, 6]);
    expect(manifest.counts).toMatchObject({ movies: 4, leftOutNoGenres: 1, leftOutNoSignal: 1 });
  });

  it('joins by id, never by title: two "Toy Story" titles stay apart', () => {
    expect(byId.get(1)).toMatchObject({
      tmdbId: 862,
      imdbId: 'tt0114709',
      year: 1995,
      directors: ['John Lasseter'],
      language: 'en',
    });
    expect(byId.get(5)).toMatchObject({ tmdbId: null, year: 2030, keywords: [], directors: [] });
  });

  it('merges keywords from every TMDB source and parses each format', () => {
    expect(byId.get(1)!.keywords).toEqual(['jealousy', 'toy', 'friendship', 'rivalry', 'buddy']);
    expect(byId.get(2)!.keywords).toEqual(['haunted house', "children's book"]);
    expect(byId.get(2)!.title).toBe('Haunting, The');
    // Tones are calibrated probabilities (models/catalogue/tone-model.ts): the haunted-house horror film is the
    // scarier and tenser of the two, the animated comedy the funnier.
    const haunting = byId.get(2)!.profile.tones;
    const toyStory = byId.get(1)!.profile.tones;
    expect(haunting.scary).toBeGreaterThan(toyStory.scary);
    expect(haunting.tense).toBeGreaterThan(toyStory.tense);
    expect(toyStory.funny).toBeGreaterThan(haunting.funny + 0.2);
  });

  it('derives rating figures from ml-latest-small with shrinkage', () => {
    const toy = byId.get(1)!;
    expect(toy.mlRatings).toBe(2);
    // Global mean 10/3; (9 + 10·10/3) / 12.
    expect(toy.mlMean).toBeCloseTo((9 + (10 * 10) / 3) / 12, 2);
    expect(toy.tmdbVotes).toBe(5415);
  });

  it('ships no prose: no overview or tagline text anywhere in the file', () => {
    const text = readFileSync(join(out, 'movies.json.gz'));
    const { packed } = readPackedCatalogue(out);
    const json = JSON.stringify(packed);
    expect(text.length).toBeGreaterThan(0);
    expect(json).not.toContain('cowboy doll');
    expect(json).not.toContain('infinity');
    expect(json).not.toContain('toys live happily');
  });

  it('is deterministic', () => {
    const again = scratchDir('cat');
    buildCatalogue(data, again);
    expect(readFileSync(join(again, 'movies.json.gz')).equals(readFileSync(join(out, 'movies.json.gz')))).toBe(true);
  });
});
