/** The title search's rule on the shipped titles (the rule the database search uses too). */
import { describe, expect, it } from 'vitest';
import { searchMovies, titleQuery } from '../../models/catalogue/title-search';
import { readPackedCatalogue } from '../../scripts/lib/catalogue';

const { movies } = readPackedCatalogue();
const titles = (query: string, limit = 5) => searchMovies(movies, query, limit).map((m) => m.title);

describe('title search', () => {
  it('finds a title as it is typed: whole words, the last one half typed, the most rated first', () => {
    expect(titles('toy sto')[0]).toBe('Toy Story');
    expect(titles('toy sto')).toEqual(expect.arrayContaining(['Toy Story 2', 'Toy Story 3']));
    expect(titles('zooto')).toContain('Zootopia');
    const story = searchMovies(movies, 'story', 20);
    expect(story.map((m) => m.mlRatings)).toEqual(story.map((m) => m.mlRatings).sort((a, b) => b - a));
  });

  it('reads accents, capitals, punctuation and the original-language alias as the title has them', () => {
    const amelie = "Amelie (Fabuleux destin d'Amélie Poulain, Le)";
    expect(titles('AMÉLIE')).toContain(amelie);
    expect(titles('destin poulain')).toContain(amelie);
    expect(titles('chihiro')).toEqual(expect.arrayContaining([expect.stringMatching(/^Spirited Away/)]));
    expect(titles('bride princess')).toContain('Princess Bride, The');
  });

  it('finds nothing for a query with no word a title could hold, and keeps to the limit', () => {
    expect(titleQuery(' ,.!  ')).toBeNull();
    expect(titles('「千と千尋」')).toEqual([]);
    expect(titles('qqzzxq')).toEqual([]);
    expect(searchMovies(movies, 'the', 8)).toHaveLength(8);
  });
});
