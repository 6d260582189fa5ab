/**
 * One way to show a saved time everywhere progress is shown (the import preview, saved
 * runs, mentors' views, interview practice): the learner's own locale, date in its
 * medium style and time in its short style (`2 Dec 2026, 18:40` in en-GB,
 * `Dec 2, 2026, 6:40 PM` in en-US), in the learner's time zone. A missing or unreadable
 * time shows as a dash.
 */
const OPTIONS: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** Formatters by locale ('' = the runtime's default, i.e. the learner's): building one is costly, a table renders many. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined): Intl.DateTimeFormat {
  const key = locale ?? '';
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, OPTIONS);
    formatters.set(key, format);
  }
  return format;
}

/**
 * `iso` (an ISO 8601 time, as progress saves them) as the learner reads dates.
 * `locale` is a BCP 47 tag for tests; left out, the browser's own locale is used.
 */
export function formatWhen(iso: string | undefined, locale?: string): string {
  if (iso === undefined) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '—' : formatter(locale).format(ms);
}
