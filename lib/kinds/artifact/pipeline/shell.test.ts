import { describe, expect, it } from 'vitest';
import { executeScript, parseScript, shellFor } from './shell';

/** Runs a script where `fail` exits 1 and everything else exits 0. */
const run = (script: string, shell?: string, env: Record<string, string> = {}) =>
  executeScript(parseScript(script, env), shellFor(shell), (argv) => (argv[0] === 'fail' ? 1 : 0));

describe('shell model', () => {
  it("GitHub's default bash -e has no pipefail: tee hides a failure", () => {
    expect(shellFor(undefined).line).toBe('bash -e {0}');
    expect(run('fail ./... | tee out.txt')).toBe(0);
  });
  it('shell: bash adds pipefail', () => {
    expect(shellFor('bash').line).toBe('bash --noprofile --norc -eo pipefail {0}');
    expect(run('fail ./... | tee out.txt', 'bash')).toBe(1);
  });
  it('set -o pipefail in the script turns it on', () => {
    expect(run('set -euo pipefail\nfail | tee x')).toBe(1);
    expect(run('set -o pipefail; fail | tee x')).toBe(1);
  });
  it('-e stops at a failing line; || true and && lists follow bash rules', () => {
    expect(run('fail\necho after')).toBe(1);
    expect(run('fail || true')).toBe(0);
    expect(run('fail && echo x\necho y')).toBe(0);
    expect(run('true && fail')).toBe(1);
    expect(run('exit 3')).toBe(3);
  });
  it('expands env and drops redirections and assignments', () => {
    const lines = parseScript('FOO=1 go test $FLAGS ./... 2>&1 > out.txt', { FLAGS: '-race' });
    expect(lines[0]).toMatchObject({ kind: 'list', list: { items: [{ pipeline: [['go', 'test', '-race', './...']] }] } });
  });
});
