// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { assignmentLink, assignmentParam, createAssignment, dueText, readAssignmentFile, readAssignmentParam, slug } from './assignment';
import { toBase64Url } from './encoding';
import { MAX_ASSIGNMENT_LINK_CHARS } from './limits';

const draft = { mentor: ' Ada Lovelace ', note: 'Start with <b>lab 1</b>.\nAsk me on Friday.', due: '2026-12-10', labs: ['week-2/first-query-path', 'week-3/pipeline-quality-gate'], exercises: ['lru-ttl-cache'], questions: [] };

describe('assignments', () => {
  it('go through a link and come back equal, markup in the note kept as text', () => {
    const made = createAssignment(draft, new Date('2026-12-01T09:00:00Z'), 'abc123def');
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.value.mentor).toBe('Ada Lovelace');
    const link = assignmentLink('https://lab.example/', made.value);
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.link.startsWith('https://lab.example/#assignment=')).toBe(true);
    const back = readAssignmentParam(assignmentParam(new URL(link.link).hash)!);
    expect(back.ok && back.value).toEqual(made.value);
  });

  it('refuse what they cannot be, with the reason', () => {
    expect(createAssignment({ ...draft, labs: [], exercises: [] }).ok).toBe(false);
    const noName = createAssignment({ ...draft, mentor: '  ' });
    expect(!noName.ok && noName.reason).toBe('your name is empty');
    const badDay = createAssignment({ ...draft, due: '2026-02-30' });
    expect(!badDay.ok && badDay.reason).toBe('the due day must be a day that exists in the calendar');
    const twice = createAssignment({ ...draft, labs: ['week-1/a', 'week-1/a'] });
    expect(!twice.ok && twice.reason).toBe('the labs name an item twice');
    const weird = createAssignment({ ...draft, labs: ['../../etc'] });
    expect(weird.ok).toBe(false);
  });

  it('refuse damaged, oversized or polluting links and files', () => {
    expect(readAssignmentParam('%%%').ok).toBe(false);
    const long = readAssignmentParam('a'.repeat(MAX_ASSIGNMENT_LINK_CHARS + 1));
    expect(!long.ok && long.reason).toMatch(/at most/);
    const proto = readAssignmentParam(toBase64Url('{"__proto__": {"polluted": true}}'));
    expect(!proto.ok && proto.reason).toMatch(/__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const wrongKind = readAssignmentFile('{"format": "datasource-lab-backup"}');
    expect(!wrongKind.ok && wrongKind.reason).toMatch(/format/);
    const made = createAssignment({ ...draft, note: 'é'.repeat(4000) }, new Date(), 'abc123def');
    expect(made.ok).toBe(true);
    if (made.ok) {
      const link = assignmentLink('https://lab.example', made.value);
      expect(!link.ok && link.reason).toMatch(/send the file/);
    }
  });

  it('say when work is due', () => {
    expect(dueText('2026-12-10', '2026-12-10')).toBe('due today');
    expect(dueText('2026-12-10', '2026-12-09')).toBe('due in 1 day');
    expect(dueText('2026-12-10', '2026-12-13')).toBe('3 days overdue');
    expect(slug('Ada <script>')).toBe('ada-script');
  });
});
