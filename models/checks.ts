/** Shape checks every validator in the core shares (messages, stored records, imported files). */

/** A plain object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** No key beyond `keys`. */
export function hasOnlyKeys(v: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(v).every((k) => keys.includes(k));
}

/** A number from 0 to 1. */
export function isUnit(v: unknown): v is number {
  return typeof v === 'number' && v >= 0 && v <= 1;
}
