/**
 * Reads a Dockerfile with dockerfile-ast (the parser behind the VS Code Docker
 * language server) into normalised instructions grouped by stage, and reports what
 * Docker would refuse (or what the lab refuses, such as an unclosed JSON array that
 * Docker would quietly run as a shell command) at its line and column.
 * It never throws: a malformed file gives diagnostics.
 */
import { DockerfileParser, type Instruction as AstInstruction } from 'dockerfile-ast';
import { diag, type DockerfileDiagnostic } from './diagnostics';
import { KNOWN_KEYWORDS, type Instruction, type InstructionBase, type KeyValue, type ParsedStage } from './instructions';

/** Larger files are refused before parsing (a real Dockerfile is a few KB; the parser slows down past this). */
export const MAX_DOCKERFILE_BYTES = 256 * 1024;

export interface ParsedDockerfile {
  /** ARGs before the first FROM: visible to FROM lines only. */
  globalArgs: Extract<Instruction, { keyword: 'ARG' }>[];
  stages: ParsedStage[];
  diagnostics: DockerfileDiagnostic[];
}

export function parseDockerfile(text: string): ParsedDockerfile {
  const result: ParsedDockerfile = { globalArgs: [], stages: [], diagnostics: [] };
  if (text.length > MAX_DOCKERFILE_BYTES) {
    const line = text.slice(0, MAX_DOCKERFILE_BYTES).split('\n').length;
    result.diagnostics.push(diag('too-large', line, 1,
      `This Dockerfile is ${Math.round(text.length / 1024)} KB; the lab reads up to ${MAX_DOCKERFILE_BYTES / 1024} KB and this line is past the limit. A Dockerfile this big is almost certainly pasted data: keep only the instructions.`));
    return result;
  }
  try {
    const ast = DockerfileParser.parse(text);
    for (const node of ast.getInstructions()) {
      const normalised = normalise(node, result.diagnostics);
      for (const instruction of Array.isArray(normalised) ? normalised : normalised ? [normalised] : []) place(instruction, result);
    }
  } catch (error) {
    result.diagnostics.push(diag('parser-failed', 1, 1, `The Dockerfile could not be read: ${String(error)}. Check the line you edited last.`));
    return result;
  }
  if (result.stages.length === 0 && !result.diagnostics.some((d) => d.severity === 'error')) {
    result.diagnostics.push(diag('no-from', 1, 1, 'The Dockerfile has no FROM instruction, so there is no image to build. Start with FROM <image>:<tag>.'));
  }
  checkStageNames(result);
  return result;
}

/** Puts an instruction in its stage (or among the global ARGs before the first FROM). */
function place(instruction: Instruction, result: ParsedDockerfile): void {
  if (instruction.keyword === 'FROM') {
    result.stages.push({ index: result.stages.length, from: instruction, instructions: [] });
  } else if (result.stages.length === 0) {
    if (instruction.keyword === 'ARG') result.globalArgs.push(instruction);
    else result.diagnostics.push(diag('before-from', instruction.line, instruction.column,
      `${keywordOf(instruction)} comes before the first FROM. Only ARG may come before FROM: start the stage with FROM <image>.`));
  } else {
    result.stages[result.stages.length - 1].instructions.push(instruction);
  }
}

function keywordOf(i: Instruction): string {
  return i.keyword === 'OTHER' ? i.name : i.keyword;
}

function checkStageNames(result: ParsedDockerfile): void {
  const seen = new Set<string>();
  for (const stage of result.stages) {
    const name = stage.from.stageName?.toLowerCase();
    if (!name) continue;
    if (seen.has(name)) {
      result.diagnostics.push(diag('duplicate-stage', stage.from.line, stage.from.column, `Two stages are named "${name}". Stage names must be unique: rename one.`));
    }
    seen.add(name);
  }
}

function base(node: AstInstruction): InstructionBase {
  const range = node.getRange();
  const source = node.getTextContent().replace(/\\\r?\n\s*/g, ' ').replace(/\s+/g, ' ').trim();
  return { line: range.start.line + 1, endLine: range.end.line + 1, column: range.start.character + 1, source };
}

type JsonForm = { ok: true; argv: string[] } | { ok: false; message: string } | undefined;

/** Docker's rule: an argument list that is a JSON array of strings is the exec form. */
function jsonForm(content: string, keyword: string): JsonForm {
  const trimmed = content.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return { ok: true, argv: value };
    return { ok: false, message: `${keyword}'s JSON array must hold only strings in double quotes.` };
  } catch {
    const unclosed = !trimmed.endsWith(']');
    return {
      ok: false,
      message: unclosed
        ? `${keyword}'s JSON array is not closed with "]". Docker would not report it: it would run the text as a shell command, which fails when the container starts. Close the array: ["/path/to/binary", "arg"].`
        : `${keyword}'s JSON array is not valid JSON (use double quotes and commas). Docker would run it as a shell command instead of the program you meant.`,
    };
  }
}

const PORT = /^(\d{1,5})(-\d{1,5})?(\/(tcp|udp|sctp))?$/i;

/** One instruction, or several when one line declares several (ARG A=1 B=2). */
function normalise(node: AstInstruction, out: DockerfileDiagnostic[]): Instruction | Instruction[] | undefined {
  const b = base(node);
  const keyword = node.getKeyword().toUpperCase();
  const content = node.getArgumentsContent() ?? '';
  const args = node.getArguments().map((a) => a.getValue());
  const flags = 'getFlags' in node && typeof node.getFlags === 'function'
    ? (node.getFlags() as { getName(): string; getValue(): string | null }[]).map((f) => [f.getName(), f.getValue() ?? ''] as const)
    : [];
  const flag = (name: string) => flags.find(([n]) => n === name)?.[1];
  const error = (code: string, message: string) => { out.push(diag(code, b.line, b.column, message)); return undefined; };
  const needArgs = () => error('missing-arguments', `${keyword} needs arguments and has none.`);

  if (!(KNOWN_KEYWORDS as readonly string[]).includes(keyword)) {
    const guess = KNOWN_KEYWORDS.find((k) => closeTo(k, keyword));
    return error('unknown-instruction', `"${node.getKeyword()}" is not a Dockerfile instruction${guess ? ` (did you mean ${guess}?)` : ''}. Docker stops the build here.`);
  }
  switch (keyword) {
    case 'FROM': {
      if (args.length === 0) return needArgs();
      if (!(args.length === 1 || (args.length === 3 && args[1].toUpperCase() === 'AS'))) {
        return error('from-syntax', 'FROM takes an image and optionally "AS <name>": FROM golang:1.23-alpine AS build.');
      }
      return { ...b, keyword, image: args[0], stageName: args[2], platform: flag('platform') };
    }
    case 'ARG': {
      const props = (node as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties();
      if (props.length === 0 || props.some((p) => !p.getName())) return needArgs();
      return props.map((p) => ({ ...b, keyword, name: p.getName(), defaultValue: p.getValue() ?? undefined }));
    }
    case 'ENV':
    case 'LABEL': {
      const props = (node as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties();
      if (props.length === 0) return needArgs();
      const pairs: KeyValue[] = [];
      for (const p of props) {
        if (p.getValue() === null) return error('missing-value', `${keyword} ${p.getName()} has no value. Write ${p.getName()}=<value>.`);
        pairs.push([p.getName(), p.getValue() ?? '']);
      }
      return { ...b, keyword, pairs };
    }
    case 'WORKDIR':
      return content.trim() ? { ...b, keyword, path: args.join(' ') } : needArgs();
    case 'USER':
      return args[0] ? { ...b, keyword, user: args[0] } : needArgs();
    case 'EXPOSE': {
      if (args.length === 0) return needArgs();
      const bad = args.find((p) => !p.includes('$') && !PORT.test(p));
      if (bad) return error('expose-port', `EXPOSE ${bad} is not a port: write a number, optionally with /tcp or /udp (EXPOSE 8080/tcp).`);
      return { ...b, keyword, ports: args };
    }
    case 'COPY':
    case 'ADD': {
      const json = jsonForm(content, keyword);
      if (json && !json.ok) return error('json-invalid', json.message);
      const list = json?.ok ? json.argv : args;
      if (list.length < 2) return error('missing-arguments', `${keyword} needs at least a source and a destination: ${keyword} go.mod go.sum ./`);
      return { ...b, keyword, sources: list.slice(0, -1), dest: list[list.length - 1], from: flag('from'), chown: flag('chown'), chmod: flag('chmod') };
    }
    case 'RUN': {
      const mounts = flags.filter(([n]) => n === 'mount').map(([, v]) => v);
      const json = jsonForm(content, keyword);
      if (json && !json.ok) return error('json-invalid', json.message);
      if (json?.ok) return json.argv.length ? { ...b, keyword, exec: json.argv, mounts } : needArgs();
      return content.trim() ? { ...b, keyword, shell: content.trim(), mounts } : needArgs();
    }
    case 'ENTRYPOINT':
    case 'CMD': {
      const json = jsonForm(content, keyword);
      if (json && !json.ok) return error(json.message.includes('not closed') ? 'json-unterminated' : 'json-invalid', json.message);
      if (json?.ok) return { ...b, keyword, form: 'exec', args: json.argv };
      return content.trim() ? { ...b, keyword, form: 'shell', args: [content.trim()] } : needArgs();
    }
    case 'HEALTHCHECK': {
      if (args.length === 0) return needArgs();
      const options = Object.fromEntries(flags);
      if (args[0].toUpperCase() === 'NONE') return { ...b, keyword, none: true, args: [], options };
      if (args[0].toUpperCase() !== 'CMD') return error('healthcheck-syntax', 'HEALTHCHECK takes NONE or CMD <command>: HEALTHCHECK CMD ["/app/healthcheck"].');
      const rest = content.trim().replace(/^CMD\s*/i, '');
      const json = jsonForm(rest, 'HEALTHCHECK CMD');
      if (json && !json.ok) return error('json-invalid', json.message);
      if (json?.ok) return { ...b, keyword, none: false, form: 'exec', args: json.argv, options };
      return rest ? { ...b, keyword, none: false, form: 'shell', args: [rest], options } : needArgs();
    }
    default:
      return { ...b, keyword: 'OTHER', name: keyword, args: content };
  }
}

/** One edit apart (a swap of two neighbours counts as one): FORM → FROM, COYP → COPY. */
function closeTo(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
    return diffs.length === 1 || (diffs.length === 2 && diffs[1] === diffs[0] + 1 && a[diffs[0]] === b[diffs[1]] && a[diffs[1]] === b[diffs[0]]);
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return [...long].some((_, i) => long.slice(0, i) + long.slice(i + 1) === short);
}
