/** Small display formatters shared by the result views. Pure, no React. */

/**
 * A count with its noun in the right number: `plural(1, 'line')` is `1 line`,
 * `plural(1200, 'line')` is `1,200 lines`; `many` for irregular plurals (`plural(2, 'entry', 'entries')`).
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** `512 B`, `1.2 KB`, `3.4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
