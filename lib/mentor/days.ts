/** Calendar days as the assignment screens show them; pure, no time zone surprises. */

/** YYYY-MM-DD of `date` in this browser's time zone. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whole days from calendar day `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const ms = (day: string) => {
    const [y, m, d] = day.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/** "Thu 10 Dec 2026" for a YYYY-MM-DD day, the same in every time zone. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** "due today", "due in 3 days", "2 days overdue": where `today` stands against `due`. */
export function dueText(due: string, today: string): string {
  const days = daysBetween(today, due);
  if (days === 0) return 'due today';
  if (days > 0) return `due in ${days} ${days === 1 ? 'day' : 'days'}`;
  return `${-days} ${days === -1 ? 'day' : 'days'} overdue`;
}
