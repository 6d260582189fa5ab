/**
 * Reads the lab's manifests as `kubectl apply -f deploy/` would: every YAML document in
 * every `.yaml`/`.yml` file, parsed with the `yaml` package (source ranges kept, so each
 * problem is reported at the learner's line), each object validated against the
 * Kubernetes OpenAPI schema that `kubernetes-models` ships precompiled (no eval: it runs
 * in the artifact Worker), unknown fields refused as kubectl's strict validation
 * refuses them (strict-fields.ts), then a few rules the API server enforces beyond the schema
 * (a Deployment's selector must match its template, maxSurge and maxUnavailable cannot
 * both be 0, requests may not exceed limits) and the limits of this simulation (which
 * images it knows, which probe handlers it models). Never throws on learner input.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Service } from 'kubernetes-models/v1/Service';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { FileError } from '@/lib/kinds/artifact/common';
import { buildCluster } from './build';
import { unknownFields } from './strict-fields';
import type { Cluster } from './model';

/** What the simulation applies: kind → apiVersion → schema. */
const MODELS: Record<string, { apiVersion: string; model: new (data: never) => { validate(): void } }> = {
  Deployment: { apiVersion: 'apps/v1', model: Deployment as never },
  Service: { apiVersion: 'v1', model: Service as never },
  ConfigMap: { apiVersion: 'v1', model: ConfigMap as never },
  Secret: { apiVersion: 'v1', model: Secret as never },
  HorizontalPodAutoscaler: { apiVersion: 'autoscaling/v2', model: HorizontalPodAutoscaler as never },
};

/** One object as written: its plain value and a way back to lines. */
export interface ParsedObject {
  file: string;
  kind: string;
  name: string;
  value: Record<string, unknown>;
  /** 1-based line of a path inside the object (the nearest existing ancestor when the path is absent). */
  lineOf(path: (string | number)[]): number;
}

export interface ManifestsParse {
  errors: FileError[];
  objects: ParsedObject[];
  /** Set when there were no errors. */
  cluster?: Cluster;
}

export function isManifest(path: string): boolean {
  return /\.ya?ml$/.test(path);
}

export function parseManifests(files: Record<string, string>): ManifestsParse {
  const errors: FileError[] = [];
  const objects: ParsedObject[] = [];
  for (const file of Object.keys(files).filter(isManifest).sort()) {
    const lineCounter = new LineCounter();
    const text = files[file];
    const docs = parseAllDocuments(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
    const list = Array.isArray(docs) ? docs : [docs];
    const at = (offset: number) => lineCounter.linePos(offset);
    for (const doc of list) {
      if (doc.errors.length) {
        for (const err of doc.errors) {
          const pos = err.linePos?.[0] ?? at(err.pos[0]);
          errors.push({ file, line: Math.max(1, pos.line), column: Math.max(1, pos.col), message: err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '') });
        }
        continue;
      }
      if (doc.contents === null) continue;
      const docLine = at(doc.contents.range?.[0] ?? 0).line;
      if (!isMap(doc.contents)) {
        errors.push({ file, line: docLine, column: 1, message: 'A manifest is a mapping with apiVersion, kind and metadata; this document is not' });
        continue;
      }
      const value = doc.toJS() as Record<string, unknown>;
      const lineOf = lineFinder(doc, (o) => at(o).line, docLine);
      const parsed = checkObject(file, value, lineOf, errors);
      if (parsed) objects.push(parsed);
    }
  }
  if (errors.length) return { errors, objects };
  const built = buildCluster(objects);
  return built.errors.length ? { errors: built.errors, objects } : { errors: [], objects, cluster: built.cluster };
}

function lineFinder(doc: Document, lineAt: (offset: number) => number, fallback: number) {
  // The line of a field is the line of its key (a mapping value may start on the next line).
  return (path: (string | number)[]): number => {
    for (let n = path.length; n > 0; n--) {
      const parent = doc.getIn(path.slice(0, n - 1), true);
      const last = path[n - 1];
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
        const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
        if (range) return lineAt(range[0]);
      } else if (isSeq(parent) && typeof last === 'number') {
        const range = (parent.items[last] as { range?: [number, number, number] } | undefined)?.range;
        if (range) return lineAt(range[0]);
      }
    }
    return fallback;
  };
}

function checkObject(file: string, value: Record<string, unknown>, lineOf: ParsedObject['lineOf'], errors: FileError[]): ParsedObject | null {
  const kind = typeof value.kind === 'string' ? value.kind : '';
  const entry = MODELS[kind];
  const error = (path: (string | number)[], message: string) => errors.push({ file, line: lineOf(path), column: 1, message });
  if (!entry) {
    error(['kind'], kind ? `kind ${kind} is not one this lab applies (it applies ${Object.keys(MODELS).join(', ')})` : 'The object has no kind: every manifest needs apiVersion and kind');
    return null;
  }
  if (value.apiVersion !== entry.apiVersion) {
    error(['apiVersion'], `The API server serves ${kind} as apiVersion ${entry.apiVersion}, not ${JSON.stringify(value.apiVersion ?? null)}: kubectl would answer "no matches for kind"`);
    return null;
  }
  try {
    new entry.model(value as never).validate();
  } catch (err) {
    const issues = (err as { errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] }).errors;
    if (!issues?.length) {
      error([], `The ${kind} does not match the Kubernetes schema: ${(err as Error).message}`);
      return null;
    }
    for (const issue of dedupe(issues)) {
      const path = issue.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
      const field = path.length ? path.join('.') : kind;
      const detail = issue.params && 'missingProperty' in issue.params ? `needs ${String(issue.params.missingProperty)}` : (issue.message ?? 'is not valid');
      error(path, `${kind} ${field} ${detail} (the Kubernetes schema for ${entry.apiVersion} ${kind})`);
    }
    return null;
  }
  const unknown = unknownFields(kind, value);
  for (const u of unknown.slice(0, 5)) error(u.path, `unknown field "${u.field}": kubectl apply refuses it (strict decoding error); check the spelling and the indentation`);
  if (unknown.length) return null;
  const metadata = (value.metadata ?? {}) as { name?: unknown };
  if (typeof metadata.name !== 'string' || !metadata.name) {
    error(['metadata'], `The ${kind} has no metadata.name: the API server refuses an object without a name`);
    return null;
  }
  return { file, kind, name: metadata.name, value, lineOf };
}

/** ajv reports a union mismatch once per branch; keep one message per path. */
function dedupe<T extends { instancePath: string }>(issues: T[]): T[] {
  const seen = new Set<string>();
  return issues.filter((i) => !seen.has(i.instancePath) && (seen.add(i.instancePath), true)).slice(0, 5);
}
