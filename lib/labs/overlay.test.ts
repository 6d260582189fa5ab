/**
 * solution/ holds only the files that change: the overlay, each content error it
 * reports, and the loader turning those into errors naming the lab and file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLab } from './load';
import { overlaySolution, readTree } from './overlay';

const FILES = [{ path: 'handler.ts' }, { path: 'query.ts' }, { path: 'settings.ts', readOnly: true }];
const STARTER = { 'handler.ts': 'todo()', 'query.ts': 'export type Q = {}', 'settings.ts': 'export const s = 1' };

describe('overlaySolution', () => {
  it('lays the changed files over the starter; the rest come from the starter', () => {
    const { solution, problems } = overlaySolution(FILES, STARTER, { 'handler.ts': 'done()' });
    expect(problems).toEqual([]);
    expect(solution).toEqual({ ...STARTER, 'handler.ts': 'done()' });
  });

  it('refuses a file identical to its starter, telling the author to delete it', () => {
    const { problems } = overlaySolution(FILES, STARTER, { 'handler.ts': 'done()', 'query.ts': STARTER['query.ts'] });
    expect(problems).toEqual([{ file: 'solution/query.ts', problem: expect.stringMatching(/^is identical to starter\/query\.ts; delete it/) }]);
  });

  it('refuses a file the lab does not declare, and a read-only one', () => {
    const { problems } = overlaySolution(FILES, STARTER, { 'handler.ts': 'done()', 'extra.ts': 'x', 'settings.ts': 'changed' });
    expect(problems.map((p) => p.file)).toEqual(['solution/extra.ts', 'solution/settings.ts']);
    expect(problems[0].problem).toMatch(/not one of the files the learner gets \(handler\.ts, query\.ts, settings\.ts\)/);
    expect(problems[1].problem).toMatch(/read-only/);
  });

  it('refuses a solution that changes nothing, including an empty or missing folder', () => {
    expect(overlaySolution(FILES, STARTER, {}).problems).toEqual([{ file: 'solution/', problem: expect.stringMatching(/changes none of the starter files/) }]);
  });
});

describe('loadLab with a partial solution/', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function lab(files: Record<string, string>) {
    root = mkdtempSync(join(tmpdir(), 'lab-overlay-'));
    const dir = join(root, 'week-1', '01-demo');
    const all: Record<string, string> = {
      'lab.json': JSON.stringify({ title: 'Demo', summary: 'A lab for the overlay test.', estimatedMinutes: 5, files: [{ path: 'a.ts', language: 'typescript' }, { path: 'b.yaml', language: 'yaml' }] }),
      'README.md': '# Demo\n\n## Tasks\n\n1. **Do it.**\n',
      'questions.json': '[]',
      'checks.ts': 'export default [];',
      'starter/a.ts': 'export const a = 1;',
      'starter/b.yaml': 'on: push\n',
      ...files,
    };
    for (const [path, text] of Object.entries(all)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return () => loadLab(dir, 1, 1, 'demo');
  }

  it('loads, taking unchanged files from starter/, and tolerates extra folders such as wrong/ and alternative/', () => {
    const load = lab({ 'solution/b.yaml': 'on: pull_request\n', 'wrong/b.yaml': 'on: [\n', 'alternative/b.yaml': 'on: [push]\n' });
    expect(load().solution).toEqual({ 'a.ts': 'export const a = 1;', 'b.yaml': 'on: pull_request\n' });
  });

  it('names the lab and the file for a copy of the starter', () => {
    const load = lab({ 'solution/b.yaml': 'on: pull_request\n', 'solution/a.ts': 'export const a = 1;' });
    expect(load).toThrow(/^Lab .*week-1\/01-demo, solution\/a\.ts: is identical to starter\/a\.ts; delete it/);
  });

  it('names a file in solution/ that the lab does not have, even in a subfolder', () => {
    const load = lab({ 'solution/b.yaml': 'on: pull_request\n', 'solution/sub/c.ts': 'x' });
    expect(load).toThrow(/01-demo, solution\/sub\/c\.ts: is not one of the files/);
  });
});

describe('readTree', () => {
  it('is empty for a folder that does not exist', () => {
    expect(readTree(join(tmpdir(), 'no-such-folder-for-overlay-test'))).toEqual({});
  });
});
