import { describe, expect, it } from 'vitest';
import { displayTitle, searchKey, watchQuery } from '../../models/catalogue/movie';

describe('displayTitle', () => {
  it('writes titles as people do: article in front, the original-language alias left out', () => {
    expect(displayTitle('Princess Bride, The')).toBe('The Princess Bride');
    expect(displayTitle('Good, the Bad and the Ugly, The (Buono, il brutto, il cattivo, Il)')).toBe(
      'The Good, the Bad and the Ugly',
    );
    expect(displayTitle('Spirited Away (Sen to Chihiro no kamikakushi)')).toBe('Spirited Away');
    expect(displayTitle('Fish Called Wanda, A')).toBe('A Fish Called Wanda');
    expect(displayTitle('Misérables, Les')).toBe('Les Misérables');
    expect(displayTitle("Avventura, L'")).toBe("L'Avventura");
  });

  it('leaves alone what is not an alias or a moved article', () => {
    expect(displayTitle('(500) Days of Summer')).toBe('(500) Days of Summer');
    expect(displayTitle('Adventures of Priscilla, Queen of the Desert, The')).toBe(
      'The Adventures of Priscilla, Queen of the Desert',
    );
    expect(displayTitle('Toy Story')).toBe('Toy Story');
    // Search still sees the stored title, alias included.
    expect(searchKey('Spirited Away (Sen to Chihiro no kamikakushi)')).toContain('kamikakushi');
  });
});

describe('watchQuery', () => {
  it('searches a service for the title as shown and its year, where known', () => {
    expect(watchQuery({ title: 'Princess Bride, The', year: 1987 })).toBe('The Princess Bride 1987');
    expect(watchQuery({ title: 'Anora', year: null })).toBe('Anora');
  });
});
