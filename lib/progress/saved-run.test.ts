import { describe, expect, it } from 'vitest';
import { formatWhen } from './format-time';
import { savedRunText } from './saved-run';

describe('savedRunText / formatWhen', () => {
  it('formats times one way and says when a result was imported rather than run', () => {
    const at = '2026-12-02T18:40:00.000Z';
    expect(savedRunText({ at, passed: 3, total: 4 }, 'checks')).toBe(`Last saved run: 3 of 4 checks passed (${formatWhen(at)}).`);
    expect(savedRunText({ at, passed: 9, total: 9, source: 'import' }, 'tests')).toContain('as saved in an imported backup, not re-run here');
  });
});
