/**
 * The objects the lab applies, reduced to what the simulation acts on. Built from
 * manifests that passed the Kubernetes schema (manifests.ts), with defaults filled in
 * as the API server fills them (replicas 1, RollingUpdate 25%/25%, probe period 10 s,
 * failureThreshold 3, revisionHistoryLimit 10, progressDeadlineSeconds 600). Lines are
 * 1-based, in the file the object came from, so findings point at the learner's text.
 */

/** Where something was written: file and 1-based line. */
export interface Where {
  file: string;
  line: number;
}

export interface ProbeModel extends Where {
  /** httpGet and tcpSocket are modelled; exec and grpc are refused when parsed. */
  handler: 'httpGet' | 'tcpSocket';
  /** httpGet path, e.g. /healthz. */
  path?: string;
  /** A port number or the name of a container port. */
  port: number | string;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  successThreshold: number;
}

/** One entry of a container's env: a literal value or a reference, as written. */
export interface EnvVarModel extends Where {
  name: string;
  value?: string;
  configMapKeyRef?: { name: string; key: string; optional: boolean };
  secretKeyRef?: { name: string; key: string; optional: boolean };
}

/** envFrom: every key of a ConfigMap or Secret becomes a variable. */
export interface EnvFromModel extends Where {
  source: 'configMap' | 'secret';
  name: string;
  prefix: string;
  optional: boolean;
}

export interface ContainerModel extends Where {
  name: string;
  image: string;
  ports: { name?: string; containerPort: number }[];
  env: EnvVarModel[];
  envFrom: EnvFromModel[];
  startupProbe?: ProbeModel;
  livenessProbe?: ProbeModel;
  readinessProbe?: ProbeModel;
  /** Cores and bytes; undefined when not set. */
  requests: { cpu?: number; memory?: number };
  limits: { cpu?: number; memory?: number };
  /** The line of `resources:` (or of the container when there is none). */
  resourcesLine: number;
}

export interface PodTemplateModel {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  containers: ContainerModel[];
  /** ConfigMap / Secret names mounted as volumes (the backend reads env only: listed for the config picture). */
  volumes: { name: string; configMap?: string; secret?: string }[];
  terminationGracePeriodSeconds: number;
}

export interface DeploymentModel extends Where {
  name: string;
  namespace: string;
  replicas: number;
  /** Whether `spec.replicas` was written (an HPA-managed Deployment often leaves it out). */
  replicasSet: boolean;
  selector: Record<string, string>;
  strategy: { type: 'RollingUpdate' | 'Recreate'; maxSurge: number | string; maxUnavailable: number | string; line: number };
  minReadySeconds: number;
  revisionHistoryLimit: number;
  progressDeadlineSeconds: number;
  template: PodTemplateModel;
}

export interface ServiceModel extends Where {
  name: string;
  namespace: string;
  selector: Record<string, string>;
  ports: { name?: string; port: number; targetPort: number | string }[];
}

export interface ConfigDataModel extends Where {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace: string;
  /** Key → value (a Secret's `data` decoded from base64, merged with `stringData`). */
  data: Record<string, string>;
  /** Line of each key, for findings. */
  keyLines: Record<string, number>;
}

export interface HpaModel extends Where {
  name: string;
  namespace: string;
  target: { kind: string; name: string };
  minReplicas: number;
  maxReplicas: number;
  /** averageUtilization of the cpu Resource metric, percent of the request; undefined when the HPA has none. */
  cpuTargetPercent?: number;
}

/** Everything the learner's files declare, after parsing and validation. */
export interface Cluster {
  deployment: DeploymentModel;
  service?: ServiceModel;
  configMaps: ConfigDataModel[];
  secrets: ConfigDataModel[];
  hpa?: HpaModel;
}
