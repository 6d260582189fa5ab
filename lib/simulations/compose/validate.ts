/**
 * Reads docker-compose.yml as `docker compose config` would before anything starts:
 * YAML 1.2 with the `yaml` package (keeping every node's source range), then the
 * Compose specification's JSON schema (the 2025 copy npm's `dclint` 3.1.0 ships) through
 * ajv's standalone validator compiled at build time
 * (generated/validate-compose.mjs; build-validator.mjs says why not at run time).
 *
 * Every problem is a FileError at the learner's line: a YAML error where the parser
 * stopped, a schema error at the key or value it is about (an unknown key at the key
 * itself). Never throws on learner input.
 */
import { isMap, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { FileError } from '@/lib/kinds/artifact/common';
import { parseYamlFile } from '@/lib/kinds/artifact/yaml-file';
import validateCompose, { type ComposeSchemaError } from './generated/validate-compose.mjs';

export interface ParsedYaml {
  errors: FileError[];
  value: unknown;
  /** 1-based line of the node at a path of keys and indexes, or of its nearest parent. */
  lineOf(path: (string | number)[]): number;
}

/** Parses any YAML file and keeps a way to point at a value's line. */
export function parseYamlWithLines(file: string, text: string): ParsedYaml {
  const { errors, value } = parseYamlFile(file, text);
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter });
  const lineOf = (path: (string | number)[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  return { errors, value, lineOf };
}

/** The 1-based line of a mapping's key (for "this key is not allowed"). */
function keyLine(text: string, path: (string | number)[], key: string): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const parent = path.length ? doc.getIn(path, true) : doc.contents;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
  const range = (pair?.key as Node | undefined)?.range;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}

const pathOf = (pointer: string): (string | number)[] =>
  pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));

function describe(path: (string | number)[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : 'the file';
}

/** One message per place: oneOf/anyOf branches repeat themselves, the deepest and most specific wins. */
function pickErrors(errors: ComposeSchemaError[]): ComposeSchemaError[] {
  const rank = (e: ComposeSchemaError) => (e.keyword === 'additionalProperties' ? 0 : e.keyword === 'oneOf' || e.keyword === 'anyOf' ? 3 : e.keyword === 'type' ? 2 : 1);
  const byPlace = new Map<string, ComposeSchemaError>();
  for (const e of errors) {
    const key = e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath;
    const seen = byPlace.get(key);
    if (!seen || rank(e) < rank(seen)) byPlace.set(key, e);
  }
  // An error at a parent (a oneOf with no match, or the type another oneOf branch wanted)
  // says nothing once a child says what is wrong: keep the deepest.
  const places = [...byPlace.values()];
  return places.filter((e) => e.keyword === 'additionalProperties' || !places.some((o) => o !== e && o.instancePath.startsWith(`${e.instancePath}/`)));
}

export interface ComposeFile {
  errors: FileError[];
  /** The file as data (before interpolation), when it parsed and the schema accepted it. */
  value: Record<string, unknown> | undefined;
  lineOf(path: (string | number)[]): number;
}

/** Parses and schema-validates a Compose file. */
export function readComposeFile(file: string, text: string): ComposeFile {
  const parsed = parseYamlWithLines(file, text);
  if (parsed.errors.length) return { errors: parsed.errors, value: undefined, lineOf: parsed.lineOf };
  const value = parsed.value ?? {};
  if (validateCompose(value)) {
    return { errors: [], value: value as Record<string, unknown>, lineOf: parsed.lineOf };
  }
  const errors: FileError[] = pickErrors(validateCompose.errors ?? []).map((e) => {
    const path = pathOf(e.instancePath);
    if (e.keyword === 'additionalProperties') {
      const key = String(e.params.additionalProperty);
      return {
        file,
        line: keyLine(text, path, key) ?? parsed.lineOf(path),
        column: 1,
        message: `${describe(path)}: "${key}" is not a key the Compose specification allows here (check its spelling and indentation)`,
      };
    }
    const detail = e.keyword === 'enum' ? `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` : (e.message ?? 'is not valid');
    return { file, line: parsed.lineOf(path), column: 1, message: `${describe(path)} ${detail} (Compose specification)` };
  });
  errors.sort((a, b) => a.line - b.line);
  return { errors, value: undefined, lineOf: parsed.lineOf };
}

