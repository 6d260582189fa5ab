/**
 * From objects that passed the schema to the model the simulation runs (model.ts), with
 * the API server's defaults filled in and the rules it enforces beyond the schema
 * checked, each at its line. Also this lab's own limits: one Deployment, known images,
 * httpGet / tcpSocket probes only.
 */
import type { FileError } from '@/lib/kinds/artifact/common';
import { imageOf, releaseOf, RELEASES } from './app';
import type { ParsedObject } from './manifests';
import type { Cluster, ConfigDataModel, ContainerModel, DeploymentModel, EnvFromModel, EnvVarModel, HpaModel, ProbeModel, ServiceModel } from './model';
import { parseQuantity } from './quantity';

// Objects here already passed the Kubernetes schema, so their shape is known to be right.
type Obj = Record<string, any>;

export function buildCluster(objects: ParsedObject[]): { errors: FileError[]; cluster?: Cluster } {
  const errors: FileError[] = [];
  const fail = (o: ParsedObject, path: (string | number)[], message: string) => errors.push({ file: o.file, line: o.lineOf(path), column: 1, message });
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const deployments = of('Deployment');
  if (deployments.length !== 1) {
    const where = deployments[1] ?? objects[0];
    const message = deployments.length ? 'The lab deploys one backend: keep one Deployment' : 'No Deployment found: write one in deploy/deployment.yaml';
    if (where) fail(where, ['kind'], message);
    else errors.push({ file: 'deploy/deployment.yaml', line: 1, column: 1, message });
    return { errors };
  }
  for (const kind of ['Service', 'HorizontalPodAutoscaler']) {
    const extra = of(kind)[1];
    if (extra) fail(extra, ['kind'], `The lab expects at most one ${kind}; this is a second one`);
  }
  const deployment = buildDeployment(deployments[0], fail);
  const service = of('Service')[0] ? buildService(of('Service')[0]) : undefined;
  const configMaps = of('ConfigMap').map((o) => buildData(o, fail));
  const secrets = of('Secret').map((o) => buildData(o, fail));
  const hpa = of('HorizontalPodAutoscaler')[0] ? buildHpa(of('HorizontalPodAutoscaler')[0], fail) : undefined;
  if (errors.length || !deployment) return { errors };
  return { errors, cluster: { deployment, service, configMaps, secrets, hpa } };
}

/** The most replicas a Deployment or HPA may ask for here: the simulation steps every pod every second. */
export const MAX_REPLICAS = 50;

type Fail = (o: ParsedObject, path: (string | number)[], message: string) => void;

const ns = (v: Obj) => (typeof v.metadata?.namespace === 'string' ? v.metadata.namespace : 'default');
const strings = (m: unknown): Record<string, string> => Object.fromEntries(Object.entries((m ?? {}) as Obj).map(([k, v]) => [k, String(v)]));

function buildDeployment(o: ParsedObject, fail: Fail): DeploymentModel | undefined {
  const v = o.value as Obj;
  const spec = v.spec as Obj;
  const selector = strings(spec.selector?.matchLabels);
  const labels = strings(spec.template?.metadata?.labels);
  if (spec.selector?.matchExpressions?.length) fail(o, ['spec', 'selector', 'matchExpressions'], 'This simulation models selector.matchLabels only: select the pods by labels');
  if (!Object.keys(selector).length) fail(o, ['spec', 'selector'], 'spec.selector.matchLabels is empty: the Deployment would not know its pods');
  else if (Object.entries(selector).some(([k, val]) => labels[k] !== val))
    fail(o, ['spec', 'selector'], `The API server refuses this Deployment: "selector does not match template labels" (the template's labels are ${JSON.stringify(labels)})`);
  const type = spec.strategy?.type ?? 'RollingUpdate';
  const ru = spec.strategy?.rollingUpdate ?? {};
  const maxSurge = ru.maxSurge ?? '25%';
  const maxUnavailable = ru.maxUnavailable ?? '25%';
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  if (replicas > MAX_REPLICAS) fail(o, ['spec', 'replicas'], `This simulation runs at most ${MAX_REPLICAS} replicas; the lab's load needs a handful`);
  if (type === 'RollingUpdate' && resolveIntOrPercent(maxSurge, replicas, true) === 0 && resolveIntOrPercent(maxUnavailable, replicas, false) === 0)
    fail(o, ['spec', 'strategy'], `The API server refuses this strategy: maxUnavailable "may not be 0 when maxSurge is 0" (with ${replicas} replicas they resolve to 0 and 0)`);
  const containers = ((spec.template?.spec?.containers ?? []) as Obj[]).map((c, i) => buildContainer(o, c, ['spec', 'template', 'spec', 'containers', i], fail));
  return {
    file: o.file,
    line: o.lineOf(['kind']),
    name: o.name,
    namespace: ns(v),
    replicas,
    replicasSet: typeof spec.replicas === 'number',
    selector,
    strategy: { type, maxSurge, maxUnavailable, line: o.lineOf(['spec', 'strategy']) },
    minReadySeconds: spec.minReadySeconds ?? 0,
    revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
    progressDeadlineSeconds: spec.progressDeadlineSeconds ?? 600,
    template: {
      labels,
      annotations: strings(spec.template?.metadata?.annotations),
      containers,
      volumes: ((spec.template?.spec?.volumes ?? []) as Obj[]).map((vol) => ({ name: vol.name, configMap: vol.configMap?.name, secret: vol.secret?.secretName })),
      terminationGracePeriodSeconds: spec.template?.spec?.terminationGracePeriodSeconds ?? 30,
    },
  };
}

/**
 * maxSurge / maxUnavailable as a number of pods: a percentage of `replicas`, rounded up
 * for maxSurge and down for maxUnavailable, as the Deployment controller does.
 */
export function resolveIntOrPercent(value: number | string, replicas: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) return Number(value) || 0;
  const exact = (Number(match[1]) * replicas) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

function buildContainer(o: ParsedObject, c: Obj, path: (string | number)[], fail: Fail): ContainerModel {
  if (!releaseOf(c.image ?? ''))
    fail(o, [...path, 'image'], `The simulation knows the releases ${RELEASES.map((r) => imageOf(r.tag)).join(', ')}, not "${c.image ?? ''}": deploy the current one, ${imageOf('1.3.2')}`);
  const probe = (key: string): ProbeModel | undefined => {
    const p = c[key] as Obj | undefined;
    if (!p) return undefined;
    const at = [...path, key];
    if (p.exec || p.grpc) fail(o, at, `${key}: exec and grpc probes are not modelled here; use httpGet (the backend serves /healthz, /readyz and /api/health) or tcpSocket`);
    const handler = p.tcpSocket ? 'tcpSocket' : 'httpGet';
    const h = (p.httpGet ?? p.tcpSocket ?? {}) as Obj;
    const line = o.lineOf(at);
    // The API server defaults successThreshold to 1 and refuses another value on liveness and startup probes.
    for (const field of ['periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold', 'initialDelaySeconds'])
      if (typeof p[field] === 'number' && p[field] < 0) fail(o, [...at, field], `${key}.${field} must be 0 or more (the API server refuses a negative value)`);
    if (key !== 'readinessProbe' && (p.successThreshold || 1) !== 1) fail(o, [...at, 'successThreshold'], `${key}.successThreshold must be 1 (the API server refuses any other value for liveness and startup probes)`);
    return {
      file: o.file,
      line,
      handler,
      path: h.path,
      port: h.port ?? 0,
      // The API server defaults a 0 as it defaults an absent field.
      initialDelaySeconds: Math.max(0, p.initialDelaySeconds ?? 0),
      periodSeconds: p.periodSeconds || 10,
      timeoutSeconds: p.timeoutSeconds || 1,
      failureThreshold: p.failureThreshold || 3,
      successThreshold: p.successThreshold || 1,
    };
  };
  const quantity = (kind: 'requests' | 'limits', res: 'cpu' | 'memory') => {
    const raw = c.resources?.[kind]?.[res];
    if (raw === undefined) return undefined;
    const q = parseQuantity(raw);
    if (q === undefined) fail(o, [...path, 'resources', kind, res], `resources.${kind}.${res} "${raw}" is not a Kubernetes quantity (e.g. 250m, 0.5, 256Mi, 1Gi)`);
    return q;
  };
  const requests = { cpu: quantity('requests', 'cpu'), memory: quantity('requests', 'memory') };
  const limits = { cpu: quantity('limits', 'cpu'), memory: quantity('limits', 'memory') };
  // Without a request, the API server copies the limit into it.
  for (const res of ['cpu', 'memory'] as const) {
    if (requests[res] === undefined && limits[res] !== undefined) requests[res] = limits[res];
    if (requests[res] !== undefined && limits[res] !== undefined && requests[res]! > limits[res]!)
      fail(o, [...path, 'resources', 'requests', res], `resources.requests.${res} is above limits.${res}: the API server refuses it ("must be less than or equal to ${res} limit")`);
  }
  const env: EnvVarModel[] = ((c.env ?? []) as Obj[]).map((e, i) => {
    const line = o.lineOf([...path, 'env', i]);
    if (e.value !== undefined && e.valueFrom) fail(o, [...path, 'env', i], `env ${e.name}: the API server refuses both value and valueFrom on one variable`);
    const ref = (r: Obj | undefined) => (r ? { name: String(r.name ?? ''), key: String(r.key ?? ''), optional: Boolean(r.optional) } : undefined);
    return { file: o.file, line, name: e.name, value: e.value === undefined ? undefined : String(e.value), configMapKeyRef: ref(e.valueFrom?.configMapKeyRef), secretKeyRef: ref(e.valueFrom?.secretKeyRef) };
  });
  const envFrom: EnvFromModel[] = ((c.envFrom ?? []) as Obj[]).map((e, i) => ({
    file: o.file,
    line: o.lineOf([...path, 'envFrom', i]),
    source: e.secretRef ? 'secret' : 'configMap',
    name: String((e.secretRef ?? e.configMapRef)?.name ?? ''),
    prefix: e.prefix ?? '',
    optional: Boolean((e.secretRef ?? e.configMapRef)?.optional),
  }));
  return {
    file: o.file,
    line: o.lineOf(path),
    name: c.name,
    image: c.image ?? '',
    ports: ((c.ports ?? []) as Obj[]).map((p) => ({ name: p.name, containerPort: p.containerPort })),
    env,
    envFrom,
    startupProbe: probe('startupProbe'),
    livenessProbe: probe('livenessProbe'),
    readinessProbe: probe('readinessProbe'),
    requests,
    limits,
    resourcesLine: o.lineOf([...path, 'resources']),
  };
}

function buildService(o: ParsedObject): ServiceModel {
  const v = o.value as Obj;
  return {
    file: o.file,
    line: o.lineOf(['kind']),
    name: o.name,
    namespace: ns(v),
    selector: strings(v.spec?.selector),
    ports: ((v.spec?.ports ?? []) as Obj[]).map((p) => ({ name: p.name, port: p.port, targetPort: p.targetPort ?? p.port })),
  };
}

function buildData(o: ParsedObject, fail: Fail): ConfigDataModel {
  const v = o.value as Obj;
  const data: Record<string, string> = {};
  const keyLines: Record<string, number> = {};
  for (const [key, value] of Object.entries((v.data ?? {}) as Obj)) {
    keyLines[key] = o.lineOf(['data', key]);
    if (o.kind === 'Secret') {
      const decoded = decodeBase64(String(value));
      if (decoded === undefined) fail(o, ['data', key], `Secret data.${key} is not base64: the API server refuses it ("illegal base64 data"); write plain text under stringData instead`);
      data[key] = decoded ?? '';
    } else data[key] = String(value);
  }
  for (const [key, value] of Object.entries((v.stringData ?? {}) as Obj)) {
    keyLines[key] = o.lineOf(['stringData', key]);
    data[key] = String(value);
  }
  return { file: o.file, line: o.lineOf(['kind']), kind: o.kind as 'ConfigMap' | 'Secret', name: o.name, namespace: ns(v), data, keyLines };
}

function decodeBase64(text: string): string | undefined {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return undefined;
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(clean), (ch) => ch.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

function buildHpa(o: ParsedObject, fail: Fail): HpaModel {
  const v = o.value as Obj;
  const spec = v.spec as Obj;
  const metrics = (spec.metrics ?? []) as Obj[];
  const cpu = metrics.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  const other = metrics.findIndex((m) => !(m.type === 'Resource' && m.resource?.name === 'cpu'));
  if (other >= 0) fail(o, ['spec', 'metrics', other], 'This simulation models the cpu Resource metric only; scale on CPU utilization');
  if (cpu && cpu.resource?.target?.type !== 'Utilization') fail(o, ['spec', 'metrics'], 'Scale on target.type Utilization (averageUtilization, a percent of the CPU request)');
  if ((spec.maxReplicas ?? 0) > MAX_REPLICAS) fail(o, ['spec', 'maxReplicas'], `This simulation runs at most ${MAX_REPLICAS} replicas; the lab's load needs a handful`);
  if ((spec.minReplicas ?? 1) > spec.maxReplicas) fail(o, ['spec', 'minReplicas'], 'minReplicas is above maxReplicas: the API server refuses it');
  return {
    file: o.file,
    line: o.lineOf(['kind']),
    name: o.name,
    namespace: ns(v),
    target: { kind: spec.scaleTargetRef?.kind ?? '', name: spec.scaleTargetRef?.name ?? '' },
    minReplicas: spec.minReplicas ?? 1,
    maxReplicas: spec.maxReplicas,
    // Without metrics, autoscaling/v2 defaults to 80% CPU utilization.
    cpuTargetPercent: cpu ? cpu.resource?.target?.averageUtilization : metrics.length ? undefined : 80,
  };
}
