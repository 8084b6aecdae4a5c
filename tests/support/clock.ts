/**
 * The hour a test browser's clock reads. The picks depend on the local hour (late in the evening a lift calms), so a
 * test that read the wall clock would pass or fail by when it ran; the browsers start in a time zone that makes it
 * a fixed hour instead.
 */

/** Midday: far from late evening on either side, so a test's minutes do not cross into it. */
export const BROWSER_HOUR = 12;

/** A fixed-offset zone in which it is now `hour` o'clock (the Etc/GMT names count the other way round). */
export function timeZoneAt(hour: number, now = new Date()): string {
  const offset = ((((hour - now.getUTCHours()) % 24) + 24 + 11) % 24) - 11; // -11…+12, the zones that exist
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
