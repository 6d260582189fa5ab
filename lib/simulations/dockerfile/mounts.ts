/**
 * `RUN --mount`, as BuildKit reads it (docs.docker.com/reference/dockerfile/#run---mount):
 * a mount is visible while its RUN executes and is never part of the layer.
 *
 * - `type=bind` (the default): files of the build context (or of `from=` a stage) at
 *   `target`, read-only. Their checksums are part of the RUN's cache key, as in BuildKit.
 * - `type=cache`: a directory the builder keeps between RUNs (and builds) of the same
 *   `id` (default: the target). The model keeps it for one build: a fresh builder (a CI
 *   runner) starts with it empty, so later builds in the model do too.
 * - `type=secret`, `type=ssh`, `type=tmpfs`: nothing from them reaches the layer.
 */
import { resolvePath } from './paths';

export type MountType = 'bind' | 'cache' | 'secret' | 'ssh' | 'tmpfs';

export interface RunMount {
  type: MountType;
  /** Absolute path inside the container. */
  target: string;
  /** bind: the path in the context or stage (default: its root). */
  source: string;
  /** bind: a stage name or index (default: the build context). */
  from?: string;
  /** cache: the cache's identity. */
  id: string;
}

const TYPES: readonly MountType[] = ['bind', 'cache', 'secret', 'ssh', 'tmpfs'];

/**
 * Reads one `--mount=` value (already variable-expanded), e.g.
 * `type=cache,target=/go/pkg/mod`. A relative target is under the working directory.
 */
export function parseMount(spec: string, workdir: string): RunMount | { error: string } {
  const fields = new Map<string, string>();
  for (const part of spec.split(',')) {
    const [key, ...rest] = part.split('=');
    if (key.trim()) fields.set(key.trim().toLowerCase(), rest.join('=').trim());
  }
  const type = (fields.get('type') || 'bind') as MountType;
  if (!TYPES.includes(type)) return { error: `RUN --mount=${spec}: unknown mount type "${type}" (BuildKit knows ${TYPES.join(', ')}).` };
  const id = fields.get('id');
  let target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
  if (!target && type === 'secret' && id) target = `/run/secrets/${id}`;
  if (!target && type === 'ssh') target = '/run/buildkit/ssh_agent.0';
  if (!target) return { error: `RUN --mount=${spec}: a ${type} mount needs target=<path in the container>.` };
  const absolute = resolvePath(workdir, target);
  return { type, target: absolute, source: fields.get('source') ?? fields.get('src') ?? '.', from: fields.get('from'), id: id ?? absolute };
}
