/**
 * A model of how a `run:` step's shell runs its script, enough to get exit statuses
 * right: lines, `;`, `&&`, `||`, pipelines, `set -e` / `set -o pipefail`, `exit N`.
 * Words are split by shell-quote (quotes, `$VAR` expansion from the step's env).
 *
 * Which shell GitHub uses (github/docs, "jobs.<job_id>.steps[*].shell"):
 *   no `shell:`  → `bash -e {0}`                              (errexit, NO pipefail)
 *   shell: bash  → `bash --noprofile --norc -eo pipefail {0}` (errexit and pipefail)
 *   shell: sh    → `sh -e {0}`
 * so `go test ./... | tee out.txt` passes without `shell: bash` even when the tests
 * fail: the pipeline's status is tee's (recorded with GNU bash 5.2.15, see catalogue).
 * Not modelled: if/for/while, functions, subshells, `$(...)`; such a line runs as
 * an unknown command.
 */
import { parse } from 'shell-quote';

export interface ShellSpec {
  /** The command line GitHub would run, e.g. "bash -e {0}". */
  line: string;
  errexit: boolean;
  pipefail: boolean;
}

export function shellFor(shell: string | undefined): ShellSpec {
  const s = (shell ?? '').trim();
  if (!s) return { line: 'bash -e {0}', errexit: true, pipefail: false };
  if (s === 'bash') return { line: 'bash --noprofile --norc -eo pipefail {0}', errexit: true, pipefail: true };
  if (s === 'sh') return { line: 'sh -e {0}', errexit: true, pipefail: false };
  // A custom template ("bash {0}", "bash -eo pipefail {0}"): read its flags.
  const flags = s.split(/\s+/).slice(1).filter((w) => w.startsWith('-'));
  const letters = flags.filter((f) => !f.startsWith('--')).join('');
  return { line: s, errexit: /e/.test(letters), pipefail: s.includes('pipefail') };
}

/** One simple command: its words after expansion. */
export type Argv = string[];
export interface AndOrList {
  /** Pipelines joined by the operators before each (first is ''). */
  items: { op: '' | '&&' | '||'; pipeline: Argv[] }[];
}
export type ScriptLine = { kind: 'set'; errexit?: boolean; pipefail?: boolean } | { kind: 'exit'; code: number } | { kind: 'list'; list: AndOrList; text: string };

const REDIRECT = new Set(['>', '>>', '<', '>&', '<&', '>|', '&>', '<(', '<<']);

/** Splits a script into lines (honouring `\` continuations) and parses each. */
export function parseScript(script: string, env: Record<string, string>): ScriptLine[] {
  const lines = script.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const out: ScriptLine[] = [];
  for (const raw of lines) {
    const text = raw.trim();
    if (!text || text.startsWith('#')) continue;
    const entries = parse(text, (key: string) => env[key] ?? '');
    let words: Argv = [];
    let pipeline: Argv[] = [];
    let list: AndOrList = { items: [] };
    let op: '' | '&&' | '||' = '';
    const lists: AndOrList[] = [];
    const endCommand = () => {
      // Leading VAR=value assignments set the command's environment; they are not the command.
      const start = words.findIndex((w) => !/^[A-Za-z_]\w*=/.test(w));
      const argv = start < 0 ? [] : words.slice(start);
      if (argv.length) pipeline.push(argv);
      words = [];
    };
    const endPipeline = () => {
      endCommand();
      if (pipeline.length) list.items.push({ op, pipeline });
      pipeline = [];
    };
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (typeof e === 'string') {
        words.push(e);
      } else if ('comment' in e) {
        break;
      } else if ('op' in e) {
        if (e.op === 'glob') words.push((e as { pattern: string }).pattern);
        else if (REDIRECT.has(e.op)) {
          if (words.length && /^\d$/.test(words[words.length - 1])) words.pop();
          i++; // the redirection target
        } else if (e.op === '|' || e.op === '|&') endCommand();
        else if (e.op === '&&' || e.op === '||') {
          endPipeline();
          op = e.op;
        } else if (e.op === ';' || e.op === '&' || e.op === ';;') {
          endPipeline();
          if (list.items.length) lists.push(list);
          list = { items: [] };
          op = '';
        } else words.push(e.op);
      }
    }
    endPipeline();
    if (list.items.length) lists.push(list);
    for (const l of lists) out.push(classify(l, text));
  }
  return out;
}

function classify(list: AndOrList, text: string): ScriptLine {
  const only = list.items.length === 1 && list.items[0].pipeline.length === 1 ? list.items[0].pipeline[0] : undefined;
  if (only?.[0] === 'set') {
    const result: { kind: 'set'; errexit?: boolean; pipefail?: boolean } = { kind: 'set' };
    for (let i = 1; i < only.length; i++) {
      const w = only[i];
      const on = w.startsWith('-');
      if (/^[-+][a-z]+$/.test(w) && w.slice(1).includes('e')) result.errexit = on;
      if (/^[-+][a-z]*o$/.test(w) && only[i + 1] === 'pipefail') result.pipefail = on;
    }
    return result;
  }
  if (only?.[0] === 'exit') return { kind: 'exit', code: Number(only[1] ?? 0) || 0 };
  return { kind: 'list', list, text };
}

/** Runs parsed lines with bash's exit-status rules; `run` gives each simple command's exit status. */
export function executeScript(lines: ScriptLine[], spec: ShellSpec, run: (argv: Argv) => number): number {
  let errexit = spec.errexit;
  let pipefail = spec.pipefail;
  let status = 0;
  for (const line of lines) {
    if (line.kind === 'set') {
      errexit = line.errexit ?? errexit;
      pipefail = line.pipefail ?? pipefail;
      continue;
    }
    if (line.kind === 'exit') return line.code;
    let lastIndex = -1;
    for (let i = 0; i < line.list.items.length; i++) {
      const { op, pipeline } = line.list.items[i];
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      const statuses = pipeline.map(run);
      // A pipeline's status is its last command's, unless pipefail: then the last non-zero one.
      status = pipefail ? ([...statuses].reverse().find((s) => s !== 0) ?? 0) : statuses[statuses.length - 1];
      lastIndex = i;
    }
    // -e ignores a failure inside an && / || list unless it is the list's last command.
    if (errexit && status !== 0 && lastIndex === line.list.items.length - 1) return status;
  }
  return status;
}
