/**
 * Applies a unified diff, as `diff -u` or `git diff` writes it, to a set of files. A
 * lab's or exercise's `wrong/<name>.patch` is such a diff against the solution: a few
 * changed lines rather than a copy of the whole file, so it cannot go stale when the
 * solution changes elsewhere, and a change that touches its lines makes it fail loudly.
 *
 * Strict on purpose: every context and removed line must match exactly, at the line the
 * hunk names or as near to it as they are found (like `patch`'s offset, without fuzz).
 * `\ No newline at end of file` markers are accepted and ignored: the file keeps its
 * own final newline. Lines before the first `---` (`diff --git`, `index`, comments) are
 * ignored.
 */

/** A patch that cannot be read, or does not fit the files it patches. */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

interface Hunk {
  header: string;
  /** 1-based line of the old file the hunk starts at. */
  oldStart: number;
  /** Context and removed lines, in order: what the file must hold. */
  before: string[];
  /** Context and added lines, in order: what replaces it. */
  after: string[];
}

interface FilePatch {
  path: string;
  hunks: Hunk[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** `a/pool.ts` (or `b/…`, with an optional tab and timestamp) → `pool.ts`. */
function pathOf(line: string): string {
  const name = line.slice(4).split('\t')[0].trim();
  return name.replace(/^[ab]\//, '');
}

/** Reads a unified diff into one entry per file, in order. */
export function parsePatch(text: string): FilePatch[] {
  const lines = text.split('\n');
  const files: FilePatch[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!lines[i].startsWith('--- ')) {
      if (HUNK_HEADER.test(lines[i])) throw new PatchError(`line ${i + 1}: a hunk before any "--- a/<file>" / "+++ b/<file>" header`);
      i++;
      continue;
    }
    if (!lines[i + 1]?.startsWith('+++ ')) throw new PatchError(`line ${i + 2}: "+++ b/<file>" must follow "${lines[i]}"`);
    const file: FilePatch = { path: pathOf(lines[i + 1]), hunks: [] };
    files.push(file);
    i += 2;
    while (i < lines.length && HUNK_HEADER.test(lines[i])) {
      const [, oldStart, oldCount = '1', , newCount = '1'] = HUNK_HEADER.exec(lines[i])!;
      const hunk: Hunk = { header: lines[i], oldStart: Number(oldStart), before: [], after: [] };
      let oldLeft = Number(oldCount);
      let newLeft = Number(newCount);
      i++;
      while (oldLeft > 0 || newLeft > 0) {
        if (i >= lines.length) throw new PatchError(`${file.path}, ${hunk.header}: the patch ends inside this hunk`);
        const line = lines[i++];
        // An empty line is a blank context line whose leading space an editor trimmed.
        const mark = line === '' ? ' ' : line[0];
        const body = line.slice(1);
        if (mark === '\\') continue;
        if (mark === ' ') hunk.before.push(body), hunk.after.push(body), oldLeft--, newLeft--;
        else if (mark === '-') hunk.before.push(body), oldLeft--;
        else if (mark === '+') hunk.after.push(body), newLeft--;
        else throw new PatchError(`${file.path}, ${hunk.header}: line ${i} starts with "${mark}"; hunk lines start with " ", "-" or "+"`);
        if (oldLeft < 0 || newLeft < 0) throw new PatchError(`${file.path}, ${hunk.header}: the hunk has more lines than its header counts`);
      }
      if (lines[i]?.startsWith('\\')) i++;
      file.hunks.push(hunk);
    }
    if (file.hunks.length === 0) throw new PatchError(`${file.path}: a file header with no hunk`);
  }
  if (files.length === 0) throw new PatchError('no "--- a/<file>" / "+++ b/<file>" header: this is not a unified diff');
  return files;
}

/** Where `needle` occurs in `lines`, nearest to `from` first; -1 when nowhere. */
function find(lines: string[], needle: string[], from: number): number {
  const matches = (at: number) => at >= 0 && at + needle.length <= lines.length && needle.every((line, k) => lines[at + k] === line);
  for (let offset = 0; offset <= lines.length; offset++) {
    if (matches(from + offset)) return from + offset;
    if (offset > 0 && matches(from - offset)) return from - offset;
  }
  return -1;
}

/**
 * The files with the patch applied (a new object; `files` is not changed). Throws
 * PatchError naming the file and hunk when a file is unknown or a hunk does not fit.
 */
export function applyPatch(files: Readonly<Record<string, string>>, patch: string): Record<string, string> {
  const out = { ...files };
  for (const file of parsePatch(patch)) {
    if (!Object.hasOwn(out, file.path)) throw new PatchError(`${file.path}: no such file (the files are ${Object.keys(files).join(', ')})`);
    const text = out[file.path];
    const endsWithNewline = text.endsWith('\n');
    const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
    // Each hunk is placed after the one before it, shifted by what earlier hunks added or removed.
    let shift = 0;
    let floor = 0;
    for (const hunk of file.hunks) {
      const expected = Math.max(floor, hunk.oldStart - 1 + shift);
      const at = hunk.before.length === 0 ? expected : find(lines.slice(floor), hunk.before, expected - floor);
      if (at < 0) {
        const first = hunk.before.find((line) => !lines.includes(line)) ?? hunk.before[0];
        throw new PatchError(`${file.path}, ${hunk.header}: these lines are not in the file (first missing: ${JSON.stringify(first)}). Was the solution changed? Make the patch again.`);
      }
      const start = hunk.before.length === 0 ? at : at + floor;
      lines.splice(start, hunk.before.length, ...hunk.after);
      shift += hunk.after.length - hunk.before.length;
      floor = start + hunk.after.length;
    }
    out[file.path] = lines.join('\n') + (endsWithNewline ? '\n' : '');
  }
  return out;
}
