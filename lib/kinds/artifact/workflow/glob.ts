/**
 * GitHub's filter pattern syntax (branches, tags, paths, hashFiles):
 * `*` any characters but `/`, `**` any characters, `?` and `+` repeat the previous
 * character, `[…]` a class, and a leading `!` negates (later patterns win).
 */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      if (pattern[i + 2] === '/') {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?' || c === '+') re += c;
    else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += pattern.slice(i, end + 1);
        i = end;
      }
    } else re += c.replace(/[.\\^$|(){}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether a name is selected by a list of patterns (with `!` negations, in order). */
export function matchesFilters(name: string, patterns: string[]): boolean {
  let selected = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (globToRegExp(p.slice(1)).test(name)) selected = false;
    } else if (globToRegExp(p).test(name)) selected = true;
  }
  return selected;
}
