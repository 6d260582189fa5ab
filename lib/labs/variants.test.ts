import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LabContent } from './load';
import { loadVariants } from './variants';

const solution = { 'handler.ts': 'export const a = 1;\nexport const b = 2;\n', 'read-only.ts': 'export const c = 3;\n' };

/** A lab folder in a temporary root with the given wrong/ entries. */
function labWith(wrong: Record<string, string>, folders: string[] = []) {
  const root = mkdtempSync(join(tmpdir(), 'variants-'));
  mkdirSync(join(root, 'lab', 'wrong'), { recursive: true });
  for (const [name, text] of Object.entries(wrong)) writeFileSync(join(root, 'lab', 'wrong', name), text);
  for (const folder of folders) mkdirSync(join(root, 'lab', 'wrong', folder));
  const lab = {
    dir: 'lab',
    meta: { files: [{ path: 'handler.ts' }, { path: 'read-only.ts', readOnly: true }] },
    starter: solution,
    solution,
  } as unknown as LabContent;
  return loadVariants(lab, root);
}

const patch = (file: string, from: string, to: string) => `--- a/${file}\n+++ b/${file}\n@@ -1 +1 @@\n-${from}\n+${to}\n`;

describe('loadVariants: wrong/<name>.patch', () => {
  it('applies each patch to the solution and reads what it must fail', () => {
    const v = labWith({ 'off.patch': patch('handler.ts', 'export const a = 1;', 'export const a = 0;'), 'expected.json': '{ "off": { "fails": ["b", "a"], "why": "a is off" } }' });
    expect(v.problems).toEqual([]);
    expect(v.wrong).toEqual([{ name: 'off', fails: ['a', 'b'], why: 'a is off', files: { ...solution, 'handler.ts': 'export const a = 0;\nexport const b = 2;\n' } }]);
  });

  it('names each content problem: a folder, a read-only or unknown file, a patch that does not apply or changes nothing, a missing entry', () => {
    const v = labWith(
      {
        'ro.patch': patch('read-only.ts', 'export const c = 3;', 'export const c = 4;'),
        'stale.patch': patch('handler.ts', 'export const a = 9;', 'export const a = 0;'),
        'same.patch': patch('handler.ts', 'export const a = 1;', 'export const a = 1;'),
        'unlisted.patch': patch('handler.ts', 'export const a = 1;', 'export const a = 2;'),
        'notes.txt': 'x',
        'expected.json': '{ "ro": ["a"], "stale": ["a"], "same": ["a"], "gone": ["a"] }',
      },
      ['old-style'],
    );
    expect(v.problems).toEqual([
      'wrong/notes.txt: neither a <name>.patch nor expected.json',
      expect.stringMatching(/^wrong\/old-style\/: a wrong variant is one patch/),
      'wrong/ro.patch changes read-only.ts, which is read-only in lab.json; a variant may only change files the learner can edit',
      'wrong/same.patch changes nothing; delete it',
      expect.stringMatching(/^wrong\/stale\.patch: handler\.ts, @@ -1 \+1 @@: these lines are not in the file/),
      'wrong/unlisted.patch has no entry in wrong/expected.json',
      'wrong/expected.json names "gone", but there is no wrong/gone.patch',
    ]);
  });
});
