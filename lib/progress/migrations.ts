/**
 * Lifts saved progress from any earlier schema version to the current one. Add a
 * step for every version change, and a test in migrations.test.ts that starts from
 * a real saved value of every older version.
 */
import { EMPTY_PROGRESS, PROGRESS_VERSION, progressSchema, type Progress } from './schema';

export type MigrationResult = { ok: true; progress: Progress; fromVersion: number } | { ok: false; reason: string };

type Data = Record<string, unknown>;

const isObject = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Lab keys that are not "fields" with a change time of their own. */
const LAB_UNTIMED = new Set(['files', 'answers', 'updatedAt', 'fileTimes', 'fieldTimes']);

/**
 * 1 → 2: every edited file and every other lab field gets a change time. Version 1
 * only knew when the lab as a whole last changed, so that time stands in for each.
 */
function addChangeTimes(lab: unknown): unknown {
  if (!isObject(lab) || typeof lab.updatedAt !== 'string') return lab; // the schema check names the problem
  const at = lab.updatedAt;
  const files = isObject(lab.files) ? Object.keys(lab.files) : [];
  const fields = Object.keys(lab).filter((key) => !LAB_UNTIMED.has(key) && lab[key] !== undefined);
  return {
    ...lab,
    fileTimes: Object.fromEntries(files.map((path) => [path, at])),
    fieldTimes: Object.fromEntries(fields.map((field) => [field, at])),
  };
}

/** Version → function lifting that version's data to the next version. */
const STEPS: Record<number, (data: Data) => Data> = {
  // 0 → 1: the unversioned first draft kept labs at the top level.
  0: (data) => ({ version: 1, labs: data }),
  1: (data) => ({
    ...data,
    version: 2,
    labs: isObject(data.labs) ? Object.fromEntries(Object.entries(data.labs).map(([id, lab]) => [id, addChangeTimes(lab)])) : data.labs,
  }),
};

export function migrate(raw: unknown): MigrationResult {
  if (raw === null || raw === undefined) return { ok: true, progress: EMPTY_PROGRESS, fromVersion: PROGRESS_VERSION };
  if (!isObject(raw)) return { ok: false, reason: 'saved progress is not an object' };
  let data = raw;
  if (data.version !== undefined && (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1)) {
    return { ok: false, reason: `saved progress has an unknown version (${JSON.stringify(data.version)}); versions are whole numbers from 1` };
  }
  let version = typeof data.version === 'number' ? data.version : 0;
  const fromVersion = version;
  if (version > PROGRESS_VERSION) {
    return { ok: false, reason: `saved progress is version ${version}, newer than this app (version ${PROGRESS_VERSION}); it was probably saved by a newer release` };
  }
  while (version < PROGRESS_VERSION) {
    const step = STEPS[version];
    if (!step) return { ok: false, reason: `no migration from version ${version}` };
    data = step(data);
    version += 1;
  }
  const parsed = progressSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `saved progress does not match the expected shape (${issue.path.join('.')}: ${issue.message})` };
  }
  return { ok: true, progress: parsed.data, fromVersion };
}
