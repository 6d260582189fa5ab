/**
 * One way to show a saved time everywhere progress is shown: `2 Dec 2026, 18:40`, in
 * the learner's time zone. A missing or unreadable time shows as a dash.
 */
const FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

export function formatWhen(iso: string | undefined): string {
  if (iso === undefined) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '—' : FORMAT.format(ms);
}
