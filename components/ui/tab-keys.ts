/**
 * Keyboard movement for the WAI-ARIA tabs pattern, shared by every tab list in the
 * app: arrows wrap around, Home and End jump to the ends. Pure, so it is tested alone.
 */
export function nextTabIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  switch (key) {
    case 'ArrowRight':
      return current >= last ? 0 : current + 1;
    case 'ArrowLeft':
      return current <= 0 ? last : current - 1;
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
