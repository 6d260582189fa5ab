/**
 * Unknown fields, refused as `kubectl apply` refuses them (strict field validation, the
 * default since Kubernetes 1.27): a typo such as `readinessProbes:` or `periodSecond:`
 * would otherwise be dropped in silence, and the probe the learner meant would not exist.
 * The Kubernetes JSON schemas allow extra properties, so the known fields of the parts
 * this lab uses are listed here (from the API reference of each type). Parts not listed
 * (labels, annotations, data, affinity, HPA behavior…) are not checked.
 */
const META = ['name', 'namespace', 'labels', 'annotations', 'generateName', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'finalizers', 'managedFields', 'selfLink'];
const PROBE = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds'];
const CONTAINER = ['name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty'];
const POD_SPEC = ['containers', 'initContainers', 'ephemeralContainers', 'volumes', 'restartPolicy', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig', 'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints', 'setHostnameAsFQDN', 'os', 'hostUsers', 'schedulingGates', 'resourceClaims', 'resources'];
const KEY_REF = ['name', 'key', 'optional'];
const SOURCE_REF = ['name', 'optional'];

/** Path pattern (array indices as []) → the fields that object may have. */
const KNOWN: Record<string, Record<string, string[]>> = {
  Deployment: {
    '': ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
    metadata: META,
    spec: ['replicas', 'selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'paused', 'progressDeadlineSeconds'],
    'spec.selector': ['matchLabels', 'matchExpressions'],
    'spec.strategy': ['type', 'rollingUpdate'],
    'spec.strategy.rollingUpdate': ['maxSurge', 'maxUnavailable'],
    'spec.template': ['metadata', 'spec'],
    'spec.template.metadata': META,
    'spec.template.spec': POD_SPEC,
    'spec.template.spec.containers[]': CONTAINER,
    'spec.template.spec.containers[].ports[]': ['name', 'containerPort', 'hostPort', 'hostIP', 'protocol'],
    'spec.template.spec.containers[].env[]': ['name', 'value', 'valueFrom'],
    'spec.template.spec.containers[].env[].valueFrom': ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'],
    'spec.template.spec.containers[].env[].valueFrom.configMapKeyRef': KEY_REF,
    'spec.template.spec.containers[].env[].valueFrom.secretKeyRef': KEY_REF,
    'spec.template.spec.containers[].envFrom[]': ['prefix', 'configMapRef', 'secretRef'],
    'spec.template.spec.containers[].envFrom[].configMapRef': SOURCE_REF,
    'spec.template.spec.containers[].envFrom[].secretRef': SOURCE_REF,
    'spec.template.spec.containers[].resources': ['limits', 'requests', 'claims'],
    ...Object.fromEntries(
      ['livenessProbe', 'readinessProbe', 'startupProbe'].flatMap((p) => [
        [`spec.template.spec.containers[].${p}`, PROBE],
        [`spec.template.spec.containers[].${p}.httpGet`, ['path', 'port', 'host', 'scheme', 'httpHeaders']],
        [`spec.template.spec.containers[].${p}.tcpSocket`, ['port', 'host']],
      ]),
    ),
  },
  Service: {
    '': ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
    metadata: META,
    spec: ['ports', 'selector', 'clusterIP', 'clusterIPs', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP', 'loadBalancerSourceRanges', 'externalName', 'externalTrafficPolicy', 'healthCheckNodePort', 'publishNotReadyAddresses', 'sessionAffinityConfig', 'ipFamilies', 'ipFamilyPolicy', 'allocateLoadBalancerNodePorts', 'loadBalancerClass', 'internalTrafficPolicy', 'trafficDistribution'],
    'spec.ports[]': ['name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort'],
  },
  ConfigMap: { '': ['apiVersion', 'kind', 'metadata', 'data', 'binaryData', 'immutable'], metadata: META },
  Secret: { '': ['apiVersion', 'kind', 'metadata', 'data', 'stringData', 'type', 'immutable'], metadata: META },
  HorizontalPodAutoscaler: {
    '': ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
    metadata: META,
    spec: ['scaleTargetRef', 'minReplicas', 'maxReplicas', 'metrics', 'behavior'],
    'spec.scaleTargetRef': ['apiVersion', 'kind', 'name'],
    'spec.metrics[]': ['type', 'resource', 'pods', 'object', 'external', 'containerResource'],
    'spec.metrics[].resource': ['name', 'target'],
    'spec.metrics[].resource.target': ['type', 'averageUtilization', 'averageValue', 'value'],
  },
};

export interface UnknownField {
  /** Path to the unknown key, for `lineOf`. */
  path: (string | number)[];
  /** As kubectl prints it: spec.template.spec.containers[0].readinessProbes */
  field: string;
}

/** Every unknown field of `value`, a `kind` object, in document order. */
export function unknownFields(kind: string, value: unknown): UnknownField[] {
  const table = KNOWN[kind];
  if (!table) return [];
  const out: UnknownField[] = [];
  const walk = (node: unknown, path: (string | number)[], pattern: string) => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, [...path, i], `${pattern}[]`));
    if (!node || typeof node !== 'object') return;
    const known = table[pattern];
    if (!known) return;
    for (const [key, child] of Object.entries(node)) {
      if (!known.includes(key)) {
        out.push({ path: [...path, key], field: print([...path, key]) });
        continue;
      }
      walk(child, [...path, key], pattern ? `${pattern}.${key}` : key);
    }
  };
  walk(value, [], '');
  return out;
}

function print(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
}
