/**
 * A container's environment, resolved as the kubelet resolves it when the container
 * starts (and only then: a running process never sees a later change to a ConfigMap or
 * Secret it read as env). `env` entries override `envFrom` ones; a reference to a
 * missing ConfigMap, Secret or key that is not `optional` stops the container from
 * starting with CreateContainerConfigError, the kubelet's own reason.
 */
import type { ConfigDataModel, ContainerModel, Where } from './model';

/** Where one variable's value came from. */
export interface EnvSource extends Where {
  name: string;
  source: 'literal' | 'configMap' | 'secret';
  /** The ConfigMap or Secret name (for references). */
  from?: string;
}

export type ResolvedEnv = { ok: true; values: Record<string, string>; sources: EnvSource[] } | { ok: false; reason: 'CreateContainerConfigError'; message: string };

export interface ConfigStore {
  namespace: string;
  configMaps: ConfigDataModel[];
  secrets: ConfigDataModel[];
}

export function resolveEnv(container: ContainerModel, store: ConfigStore): ResolvedEnv {
  const values: Record<string, string> = {};
  const sources = new Map<string, EnvSource>();
  const find = (kind: 'configMap' | 'secret', name: string) =>
    (kind === 'configMap' ? store.configMaps : store.secrets).find((d) => d.name === name && d.namespace === store.namespace);
  const label = (kind: 'configMap' | 'secret') => (kind === 'configMap' ? 'configmap' : 'secret');
  for (const from of container.envFrom) {
    const data = find(from.source, from.name);
    if (!data) {
      if (from.optional) continue;
      return { ok: false, reason: 'CreateContainerConfigError', message: `${label(from.source)} "${from.name}" not found (envFrom at ${from.file}:${from.line})` };
    }
    for (const [key, value] of Object.entries(data.data)) {
      values[from.prefix + key] = value;
      sources.set(from.prefix + key, { name: from.prefix + key, source: from.source, from: from.name, file: data.file, line: data.keyLines[key] ?? data.line });
    }
  }
  for (const e of container.env) {
    const ref = e.configMapKeyRef ? { kind: 'configMap' as const, ...e.configMapKeyRef } : e.secretKeyRef ? { kind: 'secret' as const, ...e.secretKeyRef } : undefined;
    if (!ref) {
      values[e.name] = e.value ?? '';
      sources.set(e.name, { name: e.name, source: 'literal', file: e.file, line: e.line });
      continue;
    }
    const data = find(ref.kind, ref.name);
    const value = data?.data[ref.key];
    if (value === undefined) {
      if (ref.optional) continue;
      const what = data ? `couldn't find key ${ref.key} in ${label(ref.kind)} "${ref.name}"` : `${label(ref.kind)} "${ref.name}" not found`;
      return { ok: false, reason: 'CreateContainerConfigError', message: `${what} (env ${e.name} at ${e.file}:${e.line})` };
    }
    values[e.name] = value;
    sources.set(e.name, { name: e.name, source: ref.kind, from: ref.name, file: e.file, line: e.line });
  }
  return { ok: true, values, sources: [...sources.values()] };
}
