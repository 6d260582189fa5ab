/**
 * Splits a RUN command line into simple commands with shell-quote: words with
 * quotes removed and `$VAR` expanded from the build's scope, assignments in front
 * of a command (`CGO_ENABLED=0 go build`), and the operators between commands.
 * This is a tokeniser, not a shell: subshells, functions, loops and here-documents
 * are not modelled (a command the model does not know is reported, not guessed).
 */
import { parse, type ParseEntry } from 'shell-quote';
import { expand, type Scope } from './expand';

export interface SimpleCommand {
  /** The program and its arguments; globs stay as written (`/tmp/*`). */
  argv: string[];
  /** `NAME=value` words before the program: environment for this command only. */
  assignments: Record<string, string>;
  /** The operator that joins it to the previous command ('&&', '||', ';', '|'), or undefined for the first. */
  joinedBy?: string;
  /** Output redirected to this path (`> file`, `>> file`). */
  redirect?: { path: string; append: boolean };
}

export interface Tokenised {
  commands: SimpleCommand[];
  /** Variables the line referenced (ENV or ARG names): build args used here are visible in the image history. */
  used: string[];
  /** How many command substitutions ("$(…)") were skipped: their output is not modelled. */
  substitutions: number;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

export function tokenise(line: string, scope: Scope): Tokenised {
  const used: string[] = [];
  const entries = parse(line, (key: string) => {
    if (key === '') return ''; // the "$" of "$(…)"
    const name = key.match(/^[A-Za-z_][A-Za-z0-9_]*/)?.[0] ?? key;
    used.push(name);
    // shell-quote hands over "${NAME:-default}" as "NAME:-default": let expand() apply the operator.
    return expand(name === key ? `$${key}` : `\${${key}}`, scope).value;
  });
  const commands: SimpleCommand[] = [];
  let current: SimpleCommand = { argv: [], assignments: {} };
  let pendingRedirect: { append: boolean } | undefined;
  let substitutions = 0;
  const flush = (joinedBy?: string) => {
    if (current.argv.length || Object.keys(current.assignments).length) commands.push(current);
    current = { argv: [], assignments: {}, joinedBy };
  };
  const list = entries as ParseEntry[];
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    if (typeof entry === 'object' && 'op' in entry && entry.op === '(' && (current.argv.length || Object.keys(current.assignments).length)) {
      // "$(…)" inside a command: its output is unknown to the model; skip the inner command.
      for (let depth = 1; depth > 0 && i + 1 < list.length; ) {
        const next = list[++i];
        if (typeof next === 'object' && 'op' in next) depth += next.op === '(' ? 1 : next.op === ')' ? -1 : 0;
      }
      substitutions++;
      continue;
    }
    if (typeof entry === 'string') {
      if (pendingRedirect) {
        current.redirect = { path: entry, append: pendingRedirect.append };
        pendingRedirect = undefined;
      } else if (current.argv.length === 0 && ASSIGNMENT.test(entry)) {
        const [, name, value] = entry.match(ASSIGNMENT) as RegExpMatchArray;
        current.assignments[name] = value;
      } else current.argv.push(entry);
    } else if ('comment' in entry) {
      break;
    } else if (entry.op === 'glob') {
      current.argv.push(entry.pattern);
    } else if (entry.op === '>' || entry.op === '>>') {
      pendingRedirect = { append: entry.op === '>>' };
    } else if (['&&', '||', ';', '|', '&'].includes(entry.op)) {
      flush(entry.op);
    }
    // Other operators (parentheses, <, >&) are ignored: the model reads only the words.
  }
  flush();
  return { commands, used: [...new Set(used)], substitutions };
}
