import { describe, expect, it } from 'vitest';
import { option } from '../../scripts/lib/options';

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
});
