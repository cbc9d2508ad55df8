const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "3 days ago", "in 2 minutes", "now" for a time in milliseconds since the epoch, in the given locale. */
export function formatRelativeTime(timestampMs: number, nowMs: number, locale: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const delta = timestampMs - nowMs;
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) return format.format(Math.round(delta / size), unit);
  }
  return format.format(0, 'second');
}

/** Date and time in the given locale, e.g. "25 Nov 2026, 16:20:05". */
export function formatDateTime(timestampMs: number, locale: string): string {
  return new Date(timestampMs).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
}
