/**
 * What the `compose` simulation produces, as zod schemas: it crosses from the engine's
 * Worker to the page, so the page validates it. Times are virtual milliseconds since
 * `docker compose up` started; no secret value is included (keys show as ••••).
 * Imports nothing but zod, so the page never loads the YAML parser or the validator.
 */
import { z } from 'zod';

const ms = z.number().min(0);
export const runStateSchema = z.enum(['waiting', 'starting', 'running', 'healthy', 'unhealthy']);

export const composeServiceSchema = z.object({
  name: z.string(),
  line: z.number().int(),
  image: z.string(),
  modelledAs: z.string(),
  role: z.enum(['grafana', 'metrics-api', 'unknown']),
  healthcheck: z.object({ test: z.string(), interval: z.string(), timeout: z.string(), retries: z.number(), startPeriod: z.string(), line: z.number().int() }).optional(),
  dependsOn: z.array(z.object({ service: z.string(), condition: z.string() })),
  ports: z.array(z.object({ host: z.number().optional(), container: z.number(), line: z.number().int() })),
  startedAtMs: ms.optional(),
  readyAtMs: ms.optional(),
  healthyAtMs: ms.optional(),
  unhealthyAtMs: ms.optional(),
  notStarted: z.string().optional(),
  segments: z.array(z.object({ state: runStateSchema, fromMs: ms, toMs: ms })),
  probes: z.array(z.object({ atMs: ms, exitCode: z.number().int(), output: z.string(), counted: z.boolean() })),
});

const httpStepSchema = z.object({ request: z.string(), outcome: z.string(), ok: z.boolean() });

export const provisionedDatasourceSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  name: z.string(),
  type: z.string(),
  uid: z.string(),
  /** Grafana's own url field; the plugin does not read it. */
  url: z.string(),
  /** jsonData.baseUrl, where the plugin sends its requests ('' when not set). */
  baseUrl: z.string(),
  isDefault: z.boolean(),
  apiKeySource: z.enum(['environment', 'file', 'missing']),
  unsetVariables: z.array(z.string()),
  apiKeySet: z.boolean(),
});

export const grafanaReportSchema = z.object({
  started: z.boolean(),
  plugin: z.object({ found: z.boolean(), loaded: z.boolean(), message: z.string() }),
  datasources: z.array(provisionedDatasourceSchema),
  datasource: provisionedDatasourceSchema.optional(),
  datasourceReach: httpStepSchema.optional(),
  saveAndTest: z.object({ status: z.enum(['OK', 'ERROR', 'not-run']), message: z.string(), steps: z.array(httpStepSchema), atMs: ms.optional() }),
  /** How the plugin's upstream answers from Grafana's container at Save & test (lib/simulations/compose/grafana.ts StackApi); no key value. */
  stackApi: z
    .object({
      jsonData: z.record(z.string(), z.unknown()),
      keySet: z.boolean(),
      keyAccepted: z.boolean(),
      pluginLoaded: z.boolean(),
      answer: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('api') }),
        z.object({ kind: z.literal('status'), status: z.number().int(), message: z.string() }),
        z.object({ kind: z.literal('error'), message: z.string() }),
        z.object({ kind: z.literal('no-url') }),
      ]),
      atMs: ms,
    })
    .optional(),
  dashboards: z.array(
    z.object({
      file: z.string(),
      title: z.string(),
      uid: z.string().optional(),
      panels: z.array(
        z.object({
          title: z.string(),
          datasourceUid: z.string().optional(),
          resolvedTo: z.string().optional(),
          query: z.string(),
          /** The panel's first target: the query JSON Grafana sends the plugin. */
          target: z.record(z.string(), z.unknown()),
          request: z.string().optional(),
          outcome: z.string(),
          ok: z.boolean(),
        }),
      ),
    }),
  ),
  logs: z.array(z.object({ file: z.string().optional(), line: z.number().int().optional(), message: z.string() })),
});

export const composeResultSchema = z.object({
  simulation: z.literal('compose'),
  notes: z.array(z.string()),
  services: z.array(composeServiceSchema),
  events: z.array(z.object({ atMs: ms, service: z.string(), message: z.string() })),
  up: z.object({ ok: z.boolean(), message: z.string(), endMs: ms }),
  hostPorts: z.array(z.object({ host: z.number(), service: z.string(), container: z.number(), answers: z.boolean(), message: z.string(), line: z.number().int() })),
  grafana: grafanaReportSchema.nullable(),
  warnings: z.array(z.object({ file: z.string(), line: z.number().int(), message: z.string() })),
});
export type ComposeResult = z.infer<typeof composeResultSchema>;
export type ComposeService = z.infer<typeof composeServiceSchema>;
