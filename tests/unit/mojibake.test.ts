import { describe, expect, it } from 'vitest';
import { unmangled } from '../../scripts/lib/mojibake';

describe('names put back from UTF-8 read as Windows-1252', () => {
  it.each([
    ['Freddy RodrÃ\u00adguez', 'Freddy Rodríguez'],
    ['Ã‰tienne Chatiliez', 'Étienne Chatiliez'],
    ['Mikael HÃ¥fstrÃ¶m', 'Mikael Håfström'],
    ['Luis BuÃ±uel', 'Luis Buñuel'],
    ['JÃ¼rgen Prochnow', 'Jürgen Prochnow'],
    ['Miguel Ãngel Fuentes', 'Miguel Ángel Fuentes'],
    ['Ãron DimÃ©ny', 'Áron Dimény'],
    ['Elyas Mâ€™Barek', 'Elyas M’Barek'],
  ])('%s → %s', (mangled, name) => {
    expect(unmangled(mangled)).toBe(name);
  });

  it.each([
    'José García',
    'Zoë Kravitz',
    "Golden Age, The (Âge d'Or, L')",
    'Penélope Cruz',
    'Château Brâncuși',
    'SÃO PAULO',
    'Ken Watanabe',
    '渡辺謙',
  ])('leaves %s as it is', (name) => {
    expect(unmangled(name)).toBe(name);
  });
});
