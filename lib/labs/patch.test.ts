import { describe, expect, it } from 'vitest';
import { applyPatch, PatchError, parsePatch } from './patch';

const SOLUTION = ['export function add(a: number, b: number) {', '  return a + b;', '}', '', 'export function twice(n: number) {', '  return add(n, n);', '}', ''].join('\n');

/** What `diff -u` writes for SOLUTION with `a + b` → `a - b` and `add(n, n)` → `add(n, n) + 1` (two hunks, one line of context). */
const TWO_HUNKS = `--- a/math.ts
+++ b/math.ts
@@ -1,3 +1,3 @@
 export function add(a: number, b: number) {
-  return a + b;
+  return a - b;
 }
@@ -5,3 +5,3 @@
 export function twice(n: number) {
-  return add(n, n);
+  return add(n, n) + 1;
 }
`;
const WRONG = SOLUTION.replace('a + b', 'a - b').replace('add(n, n)', 'add(n, n) + 1');

describe('applyPatch', () => {
  it('turns the solution into the variant the diff was made from, hunk by hunk', () => {
    expect(applyPatch({ 'math.ts': SOLUTION, 'other.ts': 'x' }, TWO_HUNKS)).toEqual({ 'math.ts': WRONG, 'other.ts': 'x' });
  });

  it('finds a hunk whose lines moved (an edit above it in the solution), as patch does', () => {
    const moved = `// a comment added later\n// and another\n${SOLUTION}`;
    expect(applyPatch({ 'math.ts': moved }, TWO_HUNKS)['math.ts']).toBe(`// a comment added later\n// and another\n${WRONG}`);
  });

  it('refuses a patch whose lines the solution no longer has, naming the file, hunk and line', () => {
    const changed = SOLUTION.replace('return a + b;', 'return b + a;');
    expect(() => applyPatch({ 'math.ts': changed }, TWO_HUNKS)).toThrow(PatchError);
    expect(() => applyPatch({ 'math.ts': changed }, TWO_HUNKS)).toThrow(/math\.ts, @@ -1,3 \+1,3 @@.*"  return a \+ b;"/);
  });

  it('refuses a patch for a file that is not there, and text that is not a diff', () => {
    const patch = TWO_HUNKS.replaceAll('math.ts', 'missing.ts');
    expect(() => applyPatch({ 'math.ts': SOLUTION }, patch)).toThrow(/missing\.ts: no such file/);
    expect(() => applyPatch({ 'math.ts': SOLUTION }, 'just some text\n')).toThrow(/not a unified diff/);
  });

  it('keeps the file’s own final newline, and reads "\\ No newline" markers and git headers', () => {
    const noNewline = SOLUTION.trimEnd();
    const patch = [
      'diff --git a/math.ts b/math.ts',
      'index 1a2b3c4..5d6e7f8 100644',
      '--- a/math.ts',
      '+++ b/math.ts',
      '@@ -5,3 +5,3 @@',
      ' export function twice(n: number) {',
      '-  return add(n, n);',
      '+  return add(n, 2);',
      ' }',
      '\\ No newline at end of file',
      '',
    ].join('\n');
    expect(applyPatch({ 'math.ts': noNewline }, patch)['math.ts']).toBe(noNewline.replace('add(n, n)', 'add(n, 2)'));
  });

  it('counts hunk lines by the header: a hunk cut short is an error', () => {
    const cut = TWO_HUNKS.split('\n').slice(0, -3).join('\n');
    expect(() => parsePatch(cut)).toThrow(/ends inside this hunk/);
  });
});
