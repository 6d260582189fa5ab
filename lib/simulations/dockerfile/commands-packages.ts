/**
 * Package managers: `apk add` (Alpine) and `apt-get update` / `apt-get install`
 * (Debian, Ubuntu). Only a few packages have their notable files modelled
 * (ca-certificates, tzdata, git, gcc); any other package adds an approximate 1 MB.
 */
import { currentFs, failed, OK, isRoot, splitArgs, writeFile, type CommandModel, type RunContext } from './run-context';

const MB = 1024 * 1024;
export const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** Files a package installs (the ones the lab looks at), path → bytes. */
const PACKAGE_FILES: Record<string, Record<string, number>> = {
  'ca-certificates': { [CA_BUNDLE]: 220_000, '/usr/sbin/update-ca-certificates': 30_000, '/usr/share/ca-certificates/mozilla.tar': 700_000 },
  'ca-certificates-bundle': { [CA_BUNDLE]: 220_000 },
  tzdata: { '/usr/share/zoneinfo/UTC': 3_400_000 },
  git: { '/usr/bin/git': 14 * MB },
  gcc: { '/usr/bin/gcc': 95 * MB },
  // The distribution's Go toolchain (Alpine's go, Debian's golang-go): a compiler in the image all the same.
  go: { '/usr/lib/go/bin/go': 190 * MB, '/usr/bin/go': 0 },
  'golang-go': { '/usr/lib/go-1.22/bin/go': 180 * MB, '/usr/bin/go': 0 },
  golang: { '/usr/lib/go-1.22/bin/go': 180 * MB, '/usr/bin/go': 0 },
  'build-base': { '/usr/bin/gcc': 190 * MB },
  'build-essential': { '/usr/bin/gcc': 230 * MB },
};

function install(ctx: RunContext, name: string, prefix: string): void {
  const files = PACKAGE_FILES[name.replace(/[=<>~].*$/, '')] ?? { [`${prefix}/${name}`]: MB };
  for (const [path, size] of Object.entries(files)) writeFile(ctx, path, size, { mode: path.includes('/bin/') ? 0o755 : 0o644 });
}

export const apkCommand: CommandModel = {
  names: ['apk'],
  run(argv, ctx) {
    const { flags, operands } = splitArgs(argv.slice(1), ['-X', '--repository', '-t', '--virtual']);
    const [sub, ...packages] = operands;
    if (sub === 'update') {
      writeFile(ctx, '/var/cache/apk/APKINDEX.tar.gz', 2_600_000);
      return OK;
    }
    if (sub !== 'add' && sub !== 'del') {
      ctx.notes.push(`line ${ctx.line}: "apk ${sub ?? ''}" is not modelled; it changes nothing here.`);
      return OK;
    }
    if (!isRoot(ctx)) return failed(99, 'ERROR: Unable to lock database: Permission denied (apk needs root: install packages before USER)');
    if (sub === 'del') return OK;
    for (const p of packages) install(ctx, p, '/usr/lib/apk/installed');
    // Without --no-cache apk keeps the package index in the layer.
    if (!flags.has('--no-cache')) writeFile(ctx, '/var/cache/apk/APKINDEX.tar.gz', 2_600_000);
    return OK;
  },
};

export const aptGetCommand: CommandModel = {
  names: ['apt-get', 'apt'],
  run(argv, ctx) {
    const { operands } = splitArgs(argv.slice(1), ['-o']);
    const [sub, ...packages] = operands;
    if (!isRoot(ctx) && ['update', 'install'].includes(sub)) {
      return failed(100, 'E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied): run apt-get before USER');
    }
    if (sub === 'update') {
      writeFile(ctx, '/var/lib/apt/lists/deb.debian.org_debian_dists_main_Packages', 45 * MB);
      return OK;
    }
    if (sub === 'install') {
      if (!currentFs(ctx).exists('/var/lib/apt/lists/deb.debian.org_debian_dists_main_Packages')) {
        return failed(100, `E: Unable to locate package ${packages[0] ?? ''} (the package lists are empty: run apt-get update first, in the same RUN)`);
      }
      for (const p of packages) install(ctx, p, '/usr/share/doc');
      writeFile(ctx, '/var/cache/apt/pkgcache.bin', 30 * MB);
      return OK;
    }
    if (sub === 'clean') {
      ctx.changes.added.delete('/var/cache/apt/pkgcache.bin');
      return OK;
    }
    ctx.notes.push(`line ${ctx.line}: "apt-get ${sub ?? ''}" is not modelled; it changes nothing here.`);
    return OK;
  },
};
