import { describe, expect, it } from 'vitest';
import { factorOption, option } from '../../scripts/lib/options';

describe('script options', () => {
  const argv = ['node', 'script.ts', '--mode', 'photos', '--lambda', '-1', '--data'];

  it('reads the value after --name, and null when the option is not given', () => {
    expect(option('mode', argv)).toBe('photos');
    expect(option('lambda', argv)).toBe('-1');
    expect(option('limit', argv)).toBeNull();
  });

  it('says so when an option has no value, rather than reading another option or nothing as one', () => {
    expect(() => option('data', argv)).toThrow('--data needs a value');
    expect(() => option('mode', ['--mode', '--data', 'x'])).toThrow('--mode needs a value');
  });

  it('reads a factor within its bounds and names the option when one is out of them or not a number', () => {
    expect(factorOption('tall', 0.5, 2, ['--tall', '1.25'])).toBe(1.25);
    expect(factorOption('tall', 0.5, 2, argv)).toBeNull();
    expect(() => factorOption('tall', 0.5, 2, ['--tall', '3'])).toThrow('--tall takes a factor from 0.5 to 2, not "3"');
    expect(() => factorOption('tall', 0.5, 2, ['--tall', 'tall'])).toThrow('not "tall"');
  });
});
