/**
 * Account commands: BusyBox `adduser`/`addgroup` (Alpine), Debian's `adduser`/
 * `addgroup`, and `useradd`/`groupadd`. They append to /etc/passwd and /etc/group
 * (the files are copied up into the layer) and may create a home directory.
 */
import { currentFs, failed, isRoot, makeDir, OK, splitArgs, writeFile, type CommandModel, type RunContext } from './run-context';

const VALUE_FLAGS = ['-u', '--uid', '-G', '-g', '--gid', '--ingroup', '-s', '--shell', '-h', '-d', '--home', '-k', '-c', '--gecos', '-K'];

function nextId(taken: number[], system: boolean): number {
  let id = system ? 100 : 1000;
  while (taken.includes(id)) id++;
  return id;
}

function touchAccounts(ctx: RunContext): void {
  const fs = currentFs(ctx);
  for (const file of ['/etc/passwd', '/etc/group', '/etc/shadow']) {
    writeFile(ctx, file, (fs.get(file)?.size ?? 0) + 60, { mode: file.endsWith('shadow') ? 0o640 : 0o644, uid: 0, gid: 0 });
  }
}

function groupId(ctx: RunContext, spec: string | undefined): number | undefined {
  if (!spec) return undefined;
  return /^\d+$/.test(spec) ? Number(spec) : ctx.groups.find((g) => g.name === spec)?.gid;
}

const addUser: CommandModel = {
  names: ['adduser', 'useradd'],
  run(argv, ctx) {
    if (!isRoot(ctx)) return failed(1, `${argv[0]}: Permission denied (create users before USER)`);
    const { flags, operands } = splitArgs(argv.slice(1), VALUE_FLAGS);
    const name = operands[0];
    if (!name) return failed(1, `${argv[0]}: no user name given`);
    if (ctx.users.some((u) => u.name === name)) return failed(1, `${argv[0]}: user '${name}' in use`);
    const system = flags.has('-S') || flags.has('--system') || flags.has('-r');
    const uidFlag = flags.get('-u') ?? flags.get('--uid');
    const uid = uidFlag && /^\d+$/.test(uidFlag) ? Number(uidFlag) : nextId(ctx.users.map((u) => u.uid), system);
    const groupSpec = flags.get('-G') ?? flags.get('-g') ?? flags.get('--gid') ?? flags.get('--ingroup');
    let gid = groupId(ctx, groupSpec);
    if (groupSpec && gid === undefined) return failed(1, `${argv[0]}: unknown group ${groupSpec}`);
    if (gid === undefined) {
      // Both adduser flavours make a group of the user's name when none is given (useradd does by default too).
      gid = ctx.groups.some((g) => g.gid === uid) ? nextId(ctx.groups.map((g) => g.gid), system) : uid;
      ctx.groups.push({ name, gid });
    }
    ctx.users.push({ name, uid, gid });
    touchAccounts(ctx);
    const noHome = argv[0] === 'useradd' ? !flags.has('-m') : flags.has('-H') || flags.has('--no-create-home') || (system && argv[0] === 'adduser' && !flags.has('-h'));
    if (!noHome) makeDir(ctx, flags.get('-h') ?? flags.get('-d') ?? flags.get('--home') ?? `/home/${name}`);
    return OK;
  },
};

const addGroup: CommandModel = {
  names: ['addgroup', 'groupadd'],
  run(argv, ctx) {
    if (!isRoot(ctx)) return failed(1, `${argv[0]}: Permission denied (create groups before USER)`);
    const { flags, operands } = splitArgs(argv.slice(1), VALUE_FLAGS);
    const name = operands[0];
    if (!name) return failed(1, `${argv[0]}: no group name given`);
    if (ctx.groups.some((g) => g.name === name)) return failed(1, `${argv[0]}: group '${name}' in use`);
    const system = flags.has('-S') || flags.has('--system') || flags.has('-r');
    const gidFlag = flags.get('-g') ?? flags.get('--gid');
    ctx.groups.push({ name, gid: gidFlag && /^\d+$/.test(gidFlag) ? Number(gidFlag) : nextId(ctx.groups.map((g) => g.gid), system) });
    touchAccounts(ctx);
    return OK;
  },
};

export const userCommands: CommandModel[] = [addUser, addGroup];
