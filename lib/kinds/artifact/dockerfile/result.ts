/**
 * What the `dockerfile` simulation produces, as zod schemas: it crosses from the
 * engine's Worker to the page, so the page validates it. The result is the engine's
 * picture of the image (lib/simulations/dockerfile/picture.ts): plain data only, secret
 * values already masked. Imports nothing but zod and the finding kinds, so the page
 * never loads the Dockerfile parser.
 */
import { z } from 'zod';
import { FINDING_KINDS } from '@/lib/simulations/dockerfile/findings';

/** ENTRYPOINT / CMD / HEALTHCHECK: exec form keeps argv; shell form is /bin/sh -c <text>. */
export const imageCommandSchema = z.object({
  form: z.enum(['exec', 'shell']),
  argv: z.array(z.string()),
  /** 1-based line of the instruction. */
  line: z.number().int(),
});

/** The final image's config, as `docker inspect` shows it (secret ENV values masked). */
export const imageConfigSchema = z.object({
  /** USER as written ("" = root). */
  user: z.string(),
  /** The line of the USER instruction; absent when the base image's user is kept. */
  userLine: z.number().int().optional(),
  /** Resolved uid; absent when the user is not in the image's /etc/passwd. */
  uid: z.number().int().optional(),
  workdir: z.string(),
  entrypoint: imageCommandSchema.optional(),
  cmd: imageCommandSchema.optional(),
  healthcheck: z.union([imageCommandSchema, z.literal('none')]).optional(),
  /** As written: "8080", "8080/tcp". */
  exposedPorts: z.array(z.string()),
  env: z.record(z.string(), z.string()),
  labels: z.record(z.string(), z.string()),
});

/** A problem in the Dockerfile (or a .dockerignore line): 1-based line and column. */
export const dockerfileDiagnosticSchema = z.object({
  severity: z.enum(['error', 'warning']),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  message: z.string(),
  /** Stable code: 'unknown-instruction', 'build-failed', 'dockerignore-pattern'… */
  code: z.string(),
  file: z.literal('.dockerignore').optional(),
});

/** One problem the lab's checks look for, at the line of the instruction that caused it. */
export const findingSchema = z.object({
  kind: z.enum(FINDING_KINDS),
  line: z.number().int().min(1),
  message: z.string(),
  /** Paths or names involved (never a secret's value). */
  subjects: z.array(z.string()),
});

/** One instruction of the second build (after a code-only change): reused or rebuilt. */
export const cacheStepSchema = z.object({
  stage: z.number().int(),
  stageName: z.string().optional(),
  line: z.number().int(),
  keyword: z.string(),
  source: z.string(),
  status: z.enum(['CACHED', 'rebuilt']),
  /** Bytes of the layer the step writes (0 for config-only steps). */
  sizeBytes: z.number().min(0),
});

export const layerPictureSchema = z.object({
  line: z.number().int(),
  keyword: z.string(),
  source: z.string(),
  /** Bytes this layer adds to the image. */
  sizeBytes: z.number().min(0),
  fileCount: z.number().int().min(0),
  /** Biggest files first (at most a dozen). */
  files: z.array(z.object({ path: z.string(), sizeBytes: z.number().min(0), origin: z.string() })),
  /** What it adds, by kind ("Go module cache", "secrets"…), biggest first. */
  parts: z.array(z.object({ label: z.string(), sizeBytes: z.number().min(0), count: z.number().int().min(0) })),
  /** Secret files the layer holds, with the line that later hid each (the bytes stay). */
  secrets: z.array(z.object({ path: z.string(), removedOn: z.number().int().optional() })),
  /** Paths this layer deletes (whiteouts). */
  removed: z.array(z.string()),
  notes: z.array(z.string()),
});

export const stagePictureSchema = z.object({
  index: z.number().int().min(0),
  name: z.string().optional(),
  fromLine: z.number().int(),
  base: z.string(),
  modelledAs: z.string().optional(),
  baseNote: z.string().optional(),
  baseDescription: z.string().optional(),
  baseStage: z.number().int().optional(),
  /** Bytes of the base (approximate catalogue size, or the earlier stage's size). */
  baseSizeBytes: z.number().min(0),
  layers: z.array(layerPictureSchema),
  sizeBytes: z.number().min(0),
  final: z.boolean(),
});

export const dockerfilePictureSchema = z.object({
  notes: z.array(z.string()),
  sizesLabel: z.string(),
  diagnostics: z.array(dockerfileDiagnosticSchema),
  failure: z.object({ line: z.number().int(), message: z.string() }).optional(),
  context: z.object({
    /** Bytes sent to the builder. */
    sentBytes: z.number().min(0),
    fileCount: z.number().int().min(0),
    ignored: z.array(z.string()),
    files: z.array(z.object({ path: z.string(), sizeBytes: z.number().min(0), ignored: z.boolean() })),
  }),
  stages: z.array(stagePictureSchema),
  final: z.object({ sizeBytes: z.number().min(0), config: imageConfigSchema, hasCaCertificates: z.boolean() }).optional(),
  cacheAfterCodeChange: z.object({ steps: z.array(cacheStepSchema), rebuiltBytes: z.number().min(0) }).optional(),
  findings: z.array(findingSchema),
});

export const dockerfileResultSchema = z.object({
  simulation: z.literal('dockerfile'),
  picture: dockerfilePictureSchema,
  /** Where Grafana runs the backend from: <plugin dir>/<plugin.json executable>_linux_amd64. */
  expectedBinaryPath: z.string(),
  /** The month the base image catalogue's approximate sizes describe (YYYY-MM). */
  catalogueAsOf: z.string(),
  /** The path changed for the second build (a code-only change). */
  codeChange: z.string(),
});
export type DockerfileResult = z.infer<typeof dockerfileResultSchema>;
export type DockerfileFinding = z.infer<typeof findingSchema>;
export type DockerfileStagePicture = z.infer<typeof stagePictureSchema>;
export type DockerfileLayerPicture = z.infer<typeof layerPictureSchema>;
export type DockerfileCacheStep = z.infer<typeof cacheStepSchema>;
