/**
 * A configuration change made the way the learner's manifests allow, as a release tool
 * would make it (a model of kustomize's configMapGenerator and of a Helm chart's
 * checksum annotation, which plain `kubectl apply` lacks):
 *
 * - a ConfigMap whose name ends in a version (`-v1`, `-v2`) or a hash suffix
 *   (`-5f8c2d7b9a`) is written as a new ConfigMap with the next name, and every reference
 *   to it in the pod template is updated: the template changes, so the Deployment rolls out;
 * - otherwise the ConfigMap is changed in place; if the pod template has an annotation
 *   whose key names a checksum or hash of the config (`checksum/config`,
 *   `config-hash`…), it is set to the new data's hash, which changes the template;
 * - otherwise only the ConfigMap changes. That is Kubernetes behaviour: a variable read
 *   from a ConfigMap is fixed when the container starts, so running pods keep the old value.
 */
import { hashString } from '@/lib/random';
import type { ControlPlane } from './controller';
import type { ConfigDataModel } from './model';

export interface ConfigChange {
  key: string;
  value: string;
}

export function applyConfigChange(cp: ControlPlane, change: ConfigChange, t: number): string {
  const d = cp.deployment;
  const referenced = (name: string) =>
    d.template.containers.some((c) => c.envFrom.some((e) => e.source === 'configMap' && e.name === name) || c.env.some((e) => e.configMapKeyRef?.name === name)) ||
    d.template.volumes.some((v) => v.configMap === name);
  const cm = cp.config.configMaps.find((m) => change.key in m.data && referenced(m.name)) as ConfigDataModel | undefined;
  if (!cm) {
    const message = `No ConfigMap that the Deployment reads holds ${change.key}: the change has nowhere to go`;
    cp.log(t, 'release-tool', message, true);
    return message;
  }
  const data = { ...cm.data, [change.key]: change.value };
  const versioned = /^(.*-v)(\d+)$/.exec(cm.name);
  const hashed = /^(.*-)([0-9a-f]{6,10})$/.exec(cm.name);
  if (versioned || hashed) {
    const next = versioned ? `${versioned[1]}${Number(versioned[2]) + 1}` : `${hashed![1]}${hashString(JSON.stringify(data)).toString(16).slice(0, hashed![2].length).padStart(hashed![2].length, '0')}`;
    cp.config.configMaps.push({ ...cm, name: next, data });
    d.template = structuredClone(d.template);
    for (const c of d.template.containers) {
      for (const e of c.envFrom) if (e.source === 'configMap' && e.name === cm.name) e.name = next;
      for (const e of c.env) if (e.configMapKeyRef?.name === cm.name) e.configMapKeyRef.name = next;
    }
    for (const v of d.template.volumes) if (v.configMap === cm.name) v.configMap = next;
    const message = `New ConfigMap ${next} with ${change.key}=${change.value}; the pod template now reads it, so the Deployment rolls out`;
    cp.log(t, 'release-tool', message);
    return message;
  }
  cm.data = data;
  const annotation = Object.keys(d.template.annotations).find((k) => /checksum|config-?hash|confighash/i.test(k));
  if (annotation) {
    d.template = structuredClone(d.template);
    d.template.annotations[annotation] = hashString(JSON.stringify(data)).toString(16);
    const message = `ConfigMap ${cm.name} changed in place (${change.key}=${change.value}); the pod template's ${annotation} annotation is set to the new hash, so the Deployment rolls out`;
    cp.log(t, 'release-tool', message);
    return message;
  }
  const message = `ConfigMap ${cm.name} changed in place (${change.key}=${change.value}); the pod template is unchanged, so nothing rolls out and running pods keep the value they started with`;
  cp.log(t, 'release-tool', message, true);
  return message;
}
