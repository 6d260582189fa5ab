/**
 * Docker's variable substitution in instructions (ENV, ADD, COPY, FROM, LABEL,
 * USER, WORKDIR, EXPOSE…): `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME:+alt}`
 * (and the forms without ":"), `\$` for a literal dollar. RUN is not expanded here:
 * the shell expands it (see shell.ts).
 */

/** Variables in scope: name → value (undefined value = declared without a value). */
export type Scope = ReadonlyMap<string, string | undefined>;

export interface Expanded {
  value: string;
  /** Names that were referenced, in order (for secrets and the cache key). */
  used: string[];
}

const PATTERN = /\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function expand(text: string, scope: Scope): Expanded {
  const used: string[] = [];
  const value = text.replace(PATTERN, (match, braced?: string, op?: string, word?: string, bare?: string) => {
    if (match === '\\$') return '$';
    const name = (braced ?? bare) as string;
    used.push(name);
    const set = scope.has(name);
    const current = scope.get(name);
    if (!op) return current ?? '';
    const nonEmpty = op.startsWith(':') ? Boolean(current) : set;
    if (op.endsWith('-')) return nonEmpty ? (current ?? '') : expand(word ?? '', scope).value;
    return nonEmpty ? expand(word ?? '', scope).value : '';
  });
  return { value, used };
}
