/** File commands: rm, mkdir, chmod, chown, cp, mv, ln, touch. Globs match in the image filesystem. */
import { addEntry, type FileEntry } from './vfs';
import { basename, globToRegExp, hasGlob, resolvePath } from './paths';
import { currentFs, failed, makeDir, OK, remove, splitArgs, writeFile, type CommandModel, type RunContext } from './run-context';

/** Operands as absolute paths, globs expanded (a glob that matches nothing stays as written, as in sh). */
function operandsOf(ctx: RunContext, operands: string[]): string[] {
  const fs = currentFs(ctx);
  return operands.flatMap((op) => {
    const abs = resolvePath(ctx.cwd, op);
    if (!hasGlob(op)) return [abs];
    const re = globToRegExp(abs);
    const depth = abs.split('/').length;
    const hits = new Set(fs.list('/').map((e) => e.path.split('/').slice(0, depth).join('/')).filter((p) => re.test(p)));
    return hits.size ? [...hits] : [abs];
  });
}

/** chmod modes: octal, or symbolic (+x, u+x, a+rx, go-w); undefined when `spec` is neither. */
export function applyMode(mode: number, spec: string): number | undefined {
  if (/^[0-7]{3,4}$/.test(spec)) return parseInt(spec, 8);
  let out = mode;
  for (const clause of spec.split(',')) {
    const m = clause.match(/^([ugoa]*)([+-=])([rwx]*)$/);
    if (!m) return undefined;
    const who = m[1] === '' || m[1].includes('a') ? 'ugo' : m[1];
    let bits = 0;
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      for (const p of m[3]) bits |= (p === 'r' ? 4 : p === 'w' ? 2 : 1) << shift;
    }
    out = m[2] === '+' ? out | bits : m[2] === '-' ? out & ~bits : (out & ~0o777) | bits;
  }
  return out;
}

/** Changing a lower layer's file copies all its bytes into this layer (copy-up). */
function modify(ctx: RunContext, paths: string[], change: (e: FileEntry) => Partial<FileEntry>, name: string) {
  const fs = currentFs(ctx);
  for (const p of paths) {
    const hits = fs.list(p);
    if (hits.length === 0 && !fs.exists(p)) return failed(1, `${name}: ${p}: No such file or directory`);
    for (const e of hits) addEntry(ctx.changes, { ...e, ...change(e) });
  }
  return OK;
}

export const fsCommands: CommandModel[] = [
  {
    names: ['rm'],
    run(argv, ctx) {
      const { flags, operands } = splitArgs(argv.slice(1));
      const force = [...flags.keys()].some((f) => f.includes('f'));
      const fs = currentFs(ctx);
      for (const p of operandsOf(ctx, operands)) {
        if (!fs.exists(p)) {
          if (force) continue;
          return failed(1, `rm: can't remove '${p}': No such file or directory`);
        }
        remove(ctx, p);
      }
      return OK;
    },
  },
  {
    names: ['mkdir'],
    run(argv, ctx) {
      for (const p of operandsOf(ctx, splitArgs(argv.slice(1), ['-m']).operands)) makeDir(ctx, p);
      return OK;
    },
  },
  {
    names: ['touch'],
    run(argv, ctx) {
      for (const p of operandsOf(ctx, splitArgs(argv.slice(1)).operands)) if (!currentFs(ctx).exists(p)) writeFile(ctx, p, 0);
      return OK;
    },
  },
  {
    names: ['chmod'],
    run(argv, ctx) {
      const [modeSpec = '', ...targets] = splitArgs(argv.slice(1)).operands;
      if (applyMode(0, modeSpec) === undefined) return failed(1, `chmod: invalid mode '${modeSpec}'`);
      return modify(ctx, operandsOf(ctx, targets), (e) => ({ mode: applyMode(e.mode, modeSpec) ?? e.mode }), 'chmod');
    },
  },
  {
    names: ['chown'],
    run(argv, ctx) {
      const [owner, ...targets] = splitArgs(argv.slice(1)).operands;
      const [user, group] = (owner ?? '').split(':');
      const u = ctx.users.find((x) => x.name === user || String(x.uid) === user);
      const uid = u?.uid ?? (/^\d+$/.test(user) ? Number(user) : undefined);
      if (uid === undefined) return failed(1, `chown: unknown user ${user}`);
      const gid = group ? (ctx.users.find((x) => x.name === group)?.gid ?? Number(group)) : u?.gid ?? uid;
      return modify(ctx, operandsOf(ctx, targets), () => ({ uid, gid: Number.isNaN(gid) ? uid : gid }), 'chown');
    },
  },
  {
    // A link is modelled as an entry at the link's path with the target's mode, owner and
    // content (what exec and open see through it), and no bytes of its own.
    names: ['ln'],
    run(argv, ctx) {
      const operands = operandsOf(ctx, splitArgs(argv.slice(1)).operands);
      const link = operands.pop();
      if (!link || operands.length === 0) return failed(1, 'ln: missing file operand');
      const fs = currentFs(ctx);
      for (const target of operands) {
        const entry = fs.get(target);
        const path = fs.isDir(link) ? `${link === '/' ? '' : link}/${basename(target)}` : link;
        if (entry?.type === 'file') addEntry(ctx.changes, { ...entry, path, size: 0, origin: { kind: 'run', line: ctx.line, command: 'ln' } });
        else writeFile(ctx, path, 0);
      }
      return OK;
    },
  },
  {
    names: ['cp', 'mv'],
    run(argv, ctx) {
      const operands = operandsOf(ctx, splitArgs(argv.slice(1)).operands);
      const dest = operands.pop();
      if (!dest || operands.length === 0) return failed(1, `${argv[0]}: missing destination file operand`);
      const fs = currentFs(ctx);
      const intoDir = fs.isDir(dest) || argv[argv.length - 1].endsWith('/');
      for (const src of operands) {
        const entries = fs.list(src);
        if (entries.length === 0) return failed(1, `${argv[0]}: can't stat '${src}': No such file or directory`);
        const target = intoDir ? `${dest === '/' ? '' : dest}/${basename(src)}` : dest;
        for (const e of entries) addEntry(ctx.changes, { ...e, path: target + e.path.slice(src.length), uid: ctx.uid, gid: ctx.gid, origin: { kind: 'run', line: ctx.line, command: argv[0] } });
        if (argv[0] === 'mv') remove(ctx, src);
      }
      return OK;
    },
  },
];
