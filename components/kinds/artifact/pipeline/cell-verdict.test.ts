import { describe, expect, it } from 'vitest';
import type { Cell } from '@/lib/kinds/artifact/pipeline/result';
import { cellVerdict } from './cell-verdict';

const cell = (over: Partial<Cell>): Cell => ({ commit: 'x', event: 'pull_request', status: 'passed', label: '', exposedSecrets: [], runs: [], ...over });

describe('cellVerdict', () => {
  it('a released defect is bad, a stopped defect good', () => {
    expect(cellVerdict(cell({ status: 'released', event: 'push_tag', release: { tag: 'v1', signed: true, job: 'r', step: 's' } }), 'data-race')).toBe('bad');
    expect(cellVerdict(cell({ status: 'stopped' }), 'data-race')).toBe('good');
  });
  it('the clean commit must ship signed on its tag and pass elsewhere', () => {
    expect(cellVerdict(cell({ status: 'released', event: 'push_tag', release: { tag: 'v1', signed: true, job: 'r', step: 's' } }), null)).toBe('good');
    expect(cellVerdict(cell({ status: 'released', event: 'push_tag', release: { tag: 'v1', signed: false, job: 'r', step: 's' } }), null)).toBe('bad');
    expect(cellVerdict(cell({ status: 'stopped' }), null)).toBe('bad');
  });
  it('exposed secrets are bad whatever else happened', () => {
    expect(cellVerdict(cell({ event: 'fork_pull_request', exposedSecrets: ['T'] }), 'fork-exfiltration')).toBe('bad');
  });
});
