/**
 * Lifts saved progress from any earlier schema version to the current one. Add a
 * step for every version change, and a test in migrations.test.ts that starts from
 * a real saved value of the old version.
 */
import { EMPTY_PROGRESS, PROGRESS_VERSION, progressV1Schema, type Progress } from './schema';

export type MigrationResult = { ok: true; progress: Progress } | { ok: false; reason: string };

/** Version → function lifting that version's data to the next version. */
const STEPS: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = {
  // 0 → 1: the unversioned first draft kept labs at the top level.
  0: (data) => ({ version: 1, labs: data }),
};

export function migrate(raw: unknown): MigrationResult {
  if (raw === null || raw === undefined) return { ok: true, progress: EMPTY_PROGRESS };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'saved progress is not an object' };
  let data = raw as Record<string, unknown>;
  let version = typeof data.version === 'number' ? data.version : 0;
  if (version > PROGRESS_VERSION) {
    return { ok: false, reason: `saved progress is version ${version}, newer than this app (version ${PROGRESS_VERSION}); it was probably saved by a newer release` };
  }
  while (version < PROGRESS_VERSION) {
    const step = STEPS[version];
    if (!step) return { ok: false, reason: `no migration from version ${version}` };
    data = step(data);
    version += 1;
  }
  const parsed = progressV1Schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `saved progress does not match the expected shape (${issue.path.join('.')}: ${issue.message})` };
  }
  return { ok: true, progress: parsed.data };
}
