/**
 * The catalogue of modelled commands and the runner of one RUN: it executes a
 * RUN's simple commands in order with `&&`, `||` and `;` semantics, looks programs
 * up on PATH in the image, and reports the first failure as Docker would (the
 * build stops). A program the catalogue does not know is recorded as "not
 * modelled" and changes nothing.
 */
import { checksum } from './hash';
import { basename, resolvePath } from './paths';
import { goCommand } from './commands-go';
import { apkCommand, aptGetCommand } from './commands-packages';
import { fsCommands } from './commands-fs';
import { userCommands } from './commands-users';
import { currentFs, failed, OK, writeFile, type CommandModel, type CommandResult, type RunContext } from './run-context';
import type { SimpleCommand } from './shell';

const builtins: CommandModel = {
  names: ['cd', 'export', 'set', 'true', ':', 'echo', 'printf', 'test', '[', 'exit', 'cat', 'ls', 'env', 'id', 'whoami', 'sleep', 'update-ca-certificates', 'which', 'command'],
  builtin: true,
  run(argv, ctx) {
    const [name, ...rest] = argv;
    if (name === 'cd') {
      const dir = resolvePath(ctx.cwd, rest[0] ?? '/root');
      if (!currentFs(ctx).isDir(dir)) return failed(2, `cd: can't cd to ${rest[0]}: No such file or directory`);
      ctx.cwd = dir;
    } else if (name === 'export') {
      for (const a of rest) {
        const m = a.match(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s);
        if (m) ctx.env.set(m[1], m[2]);
      }
    } else if (name === 'exit' && rest[0] && rest[0] !== '0') {
      return failed(Number(rest[0]) || 1, `exit ${rest[0]}`);
    }
    return OK;
  },
};

export const COMMANDS: CommandModel[] = [builtins, goCommand, apkCommand, aptGetCommand, ...fsCommands, ...userCommands];

const byName = new Map(COMMANDS.flatMap((c) => c.names.map((n) => [n, c] as const)));

/** Finds a program as the shell would: an absolute path, or the first PATH directory that has it. */
function onPath(ctx: RunContext, env: Map<string, string>, program: string): boolean {
  const fs = currentFs(ctx);
  if (program.includes('/')) return Boolean(fs.get(resolvePath(ctx.cwd, program)));
  const path = env.get('PATH') ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  return path.split(':').some((dir) => fs.get(`${dir}/${program}`));
}

/** Runs one simple command (no operators). */
function runOne(cmd: SimpleCommand, ctx: RunContext): CommandResult {
  const env = new Map([...ctx.env, ...Object.entries(cmd.assignments)]);
  if (cmd.argv.length === 0) {
    for (const [k, v] of Object.entries(cmd.assignments)) ctx.env.set(k, v);
    return OK;
  }
  const program = basename(cmd.argv[0]);
  const model = byName.get(program);
  if (model && !model.builtin && !onPath(ctx, env, cmd.argv[0])) {
    return failed(127, `/bin/sh: ${cmd.argv[0]}: not found (the image has no ${program}; is it the right base image or stage?)`);
  }
  const result = model ? model.run(cmd.argv, ctx, env) : notModelled(cmd, ctx);
  if (result.ok && cmd.redirect) {
    const path = resolvePath(ctx.cwd, cmd.redirect.path);
    const text = cmd.argv.slice(1).join(' ');
    writeFile(ctx, path, text.length + 1, { digest: checksum(path, text), content: program === 'echo' ? `${text}\n` : undefined });
  }
  return result;
}

function notModelled(cmd: SimpleCommand, ctx: RunContext): CommandResult {
  ctx.notes.push(`line ${ctx.line}: "${cmd.argv.slice(0, 3).join(' ')}" is not modelled: the model assumes it succeeds and changes no files.`);
  return OK;
}

/** Runs a RUN's commands with sh's list semantics; the result is the exit status of the last command run. */
export function runCommands(commands: SimpleCommand[], ctx: RunContext): CommandResult {
  let last: CommandResult = OK;
  for (const cmd of commands) {
    if (cmd.joinedBy === '&&' && !last.ok) continue;
    if (cmd.joinedBy === '||' && last.ok) continue;
    last = runOne(cmd, ctx);
  }
  return last;
}
