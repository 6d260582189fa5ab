import { describe, expect, it } from 'vitest';
import { itemsOf } from './import-items';

describe('fields named like Object.prototype members', () => {
  it('a backup whose fieldTimes names constructor, valueOf or toString brings no item for them', () => {
    const at = '2026-12-01T10:00:00.000Z';
    const backup = {
      version: 2,
      labs: { 'week-1/x': { files: {}, answers: {}, updatedAt: at, fieldTimes: { constructor: at, valueOf: at, isPrototypeOf: at } } },
      fieldTimes: { toString: at },
    };
    const names = [...itemsOf(backup as never).values()].map((item) => item.name);
    for (const name of ['constructor', 'valueOf', 'isPrototypeOf', 'toString']) expect(names).not.toContain(name);
  });
});
