/** Command-line options of the scripts (`--name value`), read one way everywhere. */

/** The value after `--name`, or null when the option is not given; a `--name` with no value after it is an error. */
export function option(name: string, argv: readonly string[] = process.argv): string | null {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return null;
  const value = argv[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

/** A number from `low` to `high` after `--name`, or null when the option is not given. */
export function factorOption(
  name: string,
  low: number,
  high: number,
  argv: readonly string[] = process.argv,
): number | null {
  const value = option(name, argv);
  if (value === null) return null;
  const factor = Number(value);
  if (!(factor >= low && factor <= high))
    throw new Error(`--${name} takes a factor from ${low} to ${high}, not "${value}"`);
  return factor;
}
