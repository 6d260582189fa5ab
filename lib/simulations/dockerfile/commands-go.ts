/**
 * The `go` command, as far as a Dockerfile uses it: `go mod download` fills the
 * module cache, `go build` compiles the module's packages into one binary (and
 * downloads modules itself when the cache is empty). Sizes come from the context
 * manifest; a binary is static when cgo is off (CGO_ENABLED=0, or no C compiler in
 * the image), otherwise it needs the image's C library at run time.
 */
import { checksum } from './hash';
import { basename, dirname, isUnder, resolvePath } from './paths';
import { currentFs, failed, OK, splitArgs, writeFile, type CommandModel, type CommandResult, type RunContext } from './run-context';
import type { LayeredFs } from './vfs';

function moduleRoot(fs: LayeredFs, cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (fs.get(`${dir === '/' ? '' : dir}/go.mod`)?.type === 'file') return dir;
    if (dir === '/') return undefined;
  }
}

function home(ctx: RunContext, env: Map<string, string>): string {
  return env.get('HOME') ?? (ctx.uid === 0 ? '/root' : `/home/${ctx.users.find((u) => u.uid === ctx.uid)?.name ?? 'nobody'}`);
}

function modCache(ctx: RunContext, env: Map<string, string>): string {
  return env.get('GOMODCACHE') ?? `${env.get('GOPATH') ?? `${home(ctx, env)}/go`}/pkg/mod`;
}

const NO_MODULE = "go: go.mod file not found in current directory or any parent directory; see 'go help modules'";

/** Adds the modules go.mod requires to the module cache (those not there yet). */
function download(ctx: RunContext, env: Map<string, string>, root: string): void {
  const fs = currentFs(ctx);
  const sums = ['go.mod', 'go.sum'].map((f) => fs.get(`${root}/${f}`)?.digest ?? '').join();
  for (const m of ctx.manifest.go.modules) {
    const path = `${modCache(ctx, env)}/cache/download/${m.path}/@v/${m.version}.zip`;
    if (!fs.get(path)) writeFile(ctx, path, m.sizeBytes, { digest: checksum(m.path, m.version, sums) });
  }
}

function modulesPresent(ctx: RunContext, env: Map<string, string>): boolean {
  const fs = currentFs(ctx);
  return ctx.manifest.go.modules.every((m) => fs.get(`${modCache(ctx, env)}/cache/download/${m.path}/@v/${m.version}.zip`));
}

/** The module's own Go packages the build needs: every non-test .go file of the repository's pkg/ tree. */
function missingSources(ctx: RunContext, fs: LayeredFs, root: string): string[] {
  return ctx.manifest.files
    .filter((f) => f.path.startsWith('pkg/') && f.path.endsWith('.go') && !f.path.endsWith('_test.go'))
    .filter((f) => !fs.get(`${root}/${f.path}`))
    .map((f) => f.path);
}

function build(argv: string[], ctx: RunContext, env: Map<string, string>, install: boolean): CommandResult {
  const fs = currentFs(ctx);
  const root = moduleRoot(fs, ctx.cwd);
  if (!root) return failed(1, NO_MODULE);
  if (!fs.get(`${root === '/' ? '' : root}/go.sum`)) {
    return failed(1, 'missing go.sum entry for module providing package github.com/grafana/grafana-plugin-sdk-go/backend; copy go.sum next to go.mod');
  }
  const { flags, operands } = splitArgs(argv.slice(2), ['-o', '-ldflags', '-tags', '-gcflags', '-mod']);
  const pkg = resolvePath(ctx.cwd, operands[0] ?? '.').replace(/\/\.\.\.$/, '');
  const goFiles = fs.list(pkg).filter((e) => e.path.endsWith('.go') && !e.path.endsWith('_test.go'));
  if (goFiles.length === 0) return failed(1, `no Go files in ${pkg}`);
  const missing = missingSources(ctx, fs, root);
  if (missing.length) return failed(1, `package github.com/datasource-lab/lab-upstream-datasource/${dirname(missing[0])} is not in the image: copy the whole pkg/ tree before go build (missing ${missing.join(', ')})`);
  if (!modulesPresent(ctx, env)) download(ctx, env, root);
  const cgoSetting = env.get('CGO_ENABLED');
  const hasCompiler = ['/usr/bin/gcc', '/usr/local/bin/gcc'].some((p) => fs.get(p));
  const cgo = cgoSetting === undefined ? hasCompiler : cgoSetting === '1';
  if (cgo && !hasCompiler) return failed(1, 'cgo: C compiler "gcc" not found: set CGO_ENABLED=0 or install gcc');
  const name = pkg === root ? basename(root) : basename(pkg);
  const out = install
    ? `${env.get('GOBIN') ?? `${env.get('GOPATH') ?? `${home(ctx, env)}/go`}/bin`}/${name}`
    : flags.has('-o')
      ? (() => { const o = resolvePath(ctx.cwd, flags.get('-o') as string); return flags.get('-o')?.endsWith('/') || fs.isDir(o) ? `${o}/${name}` : o; })()
      : resolvePath(ctx.cwd, name);
  const sources = fs.list(root).filter((e) => isUnder(e.path, root) && (e.path.endsWith('.go') || /go\.(mod|sum)$/.test(e.path)));
  const digest = checksum(out, String(cgo), ...sources.map((s) => s.path + s.digest));
  writeFile(ctx, `${env.get('GOCACHE') ?? `${home(ctx, env)}/.cache/go-build`}/cache.db`, ctx.manifest.go.buildCacheSizeBytes, { digest });
  writeFile(ctx, out, ctx.manifest.go.binarySizeBytes, {
    mode: 0o755, digest,
    binary: cgo ? { linkage: 'dynamic', libc: ctx.libc ?? undefined } : { linkage: 'static' },
  });
  return OK;
}

export const goCommand: CommandModel = {
  names: ['go'],
  run(argv, ctx, env) {
    const [sub, sub2] = [argv[1], argv[2]];
    if (sub === 'build') return build(argv, ctx, env, false);
    if (sub === 'install') return build(argv, ctx, env, true);
    if (sub === 'mod' && ['download', 'tidy', 'verify'].includes(sub2)) {
      const root = moduleRoot(currentFs(ctx), ctx.cwd);
      if (!root) return failed(1, NO_MODULE);
      download(ctx, env, root);
      return OK;
    }
    if (sub === 'test' || sub === 'vet') {
      const root = moduleRoot(currentFs(ctx), ctx.cwd);
      if (!root) return failed(1, NO_MODULE);
      if (!modulesPresent(ctx, env)) download(ctx, env, root);
      writeFile(ctx, `${env.get('GOCACHE') ?? `${home(ctx, env)}/.cache/go-build`}/cache.db`, ctx.manifest.go.buildCacheSizeBytes);
      return OK;
    }
    if (['version', 'env', 'list', 'generate'].includes(sub)) return OK;
    ctx.notes.push(`line ${ctx.line}: "go ${sub ?? ''}" is not modelled; it changes nothing in this model.`);
    return OK;
  },
};
