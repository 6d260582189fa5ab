/**
 * What one simple command does in the simulated repository: wrappers are resolved
 * first (npm/yarn/pnpm scripts from the repository's package.json, npx, `go run
 * …/govulncheck`, `sh -c`), then the command is looked up in the catalogue. A
 * command the catalogue does not know runs and passes and is never a gate.
 */
import type { CommandResult, Provenance } from '../record';
import { findTool, toolById, type ToolEntry } from './catalogue';
import { executeScript, parseScript, type Argv } from './shell';
import type { SimCommit } from './scenario';

export interface PackageJson {
  version?: string;
  scripts?: Record<string, string>;
}

/** The world a command runs in: shared by the steps of one workflow run. */
export interface CommandWorld {
  commit: SimCommit;
  env: Record<string, string>;
  packageJson: PackageJson;
  /** Whether the job's token may write repository contents (releases). */
  contentsWrite: boolean;
  /** Set when a sign step succeeds in this run. */
  state: { signed: boolean };
  /** Effects of the current step. */
  effects: Set<'published' | 'signed' | 'unsigned-release'>;
  published: { tag: string; signed: boolean }[];
  results: CommandResult[];
  notes: Set<string>;
}

const UTILS = new Set(['echo', 'printf', 'cd', 'ls', 'cat', 'tee', 'mkdir', 'cp', 'mv', 'rm', 'zip', 'unzip', 'tar', 'sha256sum', 'sha1sum', 'md5sum', 'true', ':', 'export', 'pwd', 'touch', 'chmod', 'grep', 'head', 'tail', 'sed', 'awk', 'jq', 'env', 'which', 'sleep', 'git', 'curl', 'wget', 'sort', 'xargs', 'find', 'date', 'node', 'go', 'npm']);
const UNKNOWN: Provenance = { kind: 'unknown', tool: 'not in the catalogue', basis: 'runs and passes; never a gate' };

function record(world: CommandWorld, command: string, exitCode: number, output: string, provenance: Provenance): number {
  world.results.push({ command, exitCode, output, provenance });
  return exitCode;
}

/** npx and friends: the package name without its @version, e.g. "@grafana/sign-plugin@latest" → "@grafana/sign-plugin". */
function stripVersion(word: string): string {
  const at = word.lastIndexOf('@');
  return at > 0 ? word.slice(0, at) : word;
}

function normalise(argv: Argv): Argv {
  let a = [...argv];
  if (a[0]?.includes('/') && /node_modules\/\.bin\//.test(a[0])) a[0] = a[0].split('/').pop()!;
  if (a[0] === 'npx' || (a[0] === 'npm' && a[1] === 'exec') || a[0] === 'pnpx' || (a[0] === 'pnpm' && a[1] === 'dlx') || (a[0] === 'yarn' && a[1] === 'dlx')) {
    a = a.slice(a[0] === 'npx' || a[0] === 'pnpx' ? 1 : 2);
    while (a[0]?.startsWith('-')) a = a.slice(a[0] === '-p' || a[0] === '--package' ? 2 : 1);
    if (a[0] === '--') a = a.slice(1);
    if (a.length) a[0] = stripVersion(a[0]);
  }
  // go run golang.org/x/vuln/cmd/govulncheck@latest ./... → govulncheck ./...
  if (a[0] === 'go' && a[1] === 'run' && a[2] && /\//.test(a[2])) a = [stripVersion(a[2]).split('/').pop()!, ...a.slice(3)];
  if (a[0] === 'go' && a[1] === 'tool' && a[2]) a = a.slice(2);
  if (a[0] === 'mage') a = ['mage', ...a.slice(1).filter((w) => !w.startsWith('-')).map((w) => w.toLowerCase())];
  if (a[0] === 'node' && a[1]) a[1] = a[1].replace(/^\.\//, '');
  if (a[0]?.startsWith('./')) a = ['node', a[0].slice(2), ...a.slice(1)];
  // npm audit --audit-level critical → --audit-level=critical
  const lvl = a.indexOf('--audit-level');
  if (lvl >= 0 && a[lvl + 1]) a.splice(lvl, 2, `--audit-level=${a[lvl + 1]}`);
  return a;
}

/** `npm run x`, `npm test`, `yarn x`, `pnpm run x` → the script name and extra args, or undefined. */
function scriptCall(a: Argv): { name: string; args: string[] } | undefined {
  const rest = (from: number) => a.slice(from).filter((w) => w !== '--');
  if (a[0] === 'npm' && (a[1] === 'run' || a[1] === 'run-script') && a[2]) return { name: a[2], args: rest(3) };
  if (a[0] === 'npm' && ['test', 't', 'start'].includes(a[1] ?? '')) return { name: a[1] === 't' ? 'test' : a[1], args: rest(2) };
  if ((a[0] === 'yarn' || a[0] === 'pnpm') && a[1] === 'run' && a[2]) return { name: a[2], args: rest(3) };
  if ((a[0] === 'yarn' || a[0] === 'pnpm') && a[1] && !['install', 'add', 'audit', 'dlx', 'exec'].includes(a[1]) && !a[1].startsWith('-')) return { name: a[1], args: rest(2) };
  return undefined;
}

/** Runs one simple command in the simulated repository; returns its exit status. */
export function runCommand(argv: Argv, world: CommandWorld, depth = 0): number {
  const a = normalise(argv);
  const text = argv.join(' ');
  if (a.length === 0) return 0;
  if (a[0] === 'false') return record(world, text, 1, '', toolById('shell-utils').provenance);
  if (a[0] === 'test' || a[0] === '[') return record(world, text, shellTest(a[0] === '[' ? a.slice(1, -1) : a.slice(1)) ? 0 : 1, '', toolById('shell-utils').provenance);
  if ((a[0] === 'sh' || a[0] === 'bash') && a[1] === '-c' && a[2] !== undefined && depth < 4) {
    return executeScript(parseScript(a[2], world.env), { line: 'sh -c', errexit: false, pipefail: false }, (c) => runCommand(c, world, depth + 1));
  }
  const script = scriptCall(a);
  if (script) {
    const body = world.packageJson.scripts?.[script.name];
    if (body === undefined) return record(world, text, 1, `npm error Missing script: "${script.name}"`, toolById('npm-missing-script').provenance);
    if (depth >= 4) return record(world, text, 1, 'npm scripts call each other too deeply', toolById('npm-missing-script').provenance);
    const full = [body, ...script.args.map((w) => JSON.stringify(w))].join(' ');
    // npm runs a script with `sh -c`: no errexit, so `a; b` goes on after a fails.
    return executeScript(parseScript(full, world.env), { line: 'sh -c', errexit: false, pipefail: false }, (c) => runCommand(c, world, depth + 1));
  }
  const tool = findTool(a);
  if (!tool) {
    if (UTILS.has(a[0])) return record(world, text, 0, '', toolById('shell-utils').provenance);
    world.notes.add(`\`${a.slice(0, 2).join(' ')}\`: unknown command: not a gate`);
    return record(world, text, 0, 'unknown command: not a gate', UNKNOWN);
  }
  return runTool(tool, text, world);
}

/** Runs a catalogue entry (also used by actions that wrap a tool). */
export function runTool(tool: ToolEntry, text: string, world: CommandWorld, inputs: Record<string, string> = {}): number {
  const { commit, env } = world;
  if (tool.effect === 'version-check') {
    if (env.GITHUB_REF_TYPE !== 'tag') return record(world, text, 0, 'not a tag push: nothing to compare', tool.provenance);
    const tag = env.GITHUB_REF_NAME ?? '';
    const version = world.packageJson.version ?? '';
    if (tag.replace(/^v/, '') !== version) return record(world, text, 1, `tag ${tag} does not match package.json version ${version}`, tool.provenance);
    return record(world, text, 0, `tag ${tag} matches package.json ${version}`, tool.provenance);
  }
  if (tool.effect === 'sign') {
    const token = inputs.token ?? env.GRAFANA_ACCESS_POLICY_TOKEN ?? '';
    if (!token) return record(world, text, 1, 'Error: GRAFANA_ACCESS_POLICY_TOKEN is not set; cannot sign the plugin', tool.provenance);
    world.state.signed = true;
    world.effects.add('signed');
    return record(world, text, 0, 'Signed dist/MANIFEST.txt (signature type: community)', tool.provenance);
  }
  if (tool.effect === 'publish') {
    const token = inputs.token ?? env.GH_TOKEN ?? env.GITHUB_TOKEN ?? '';
    if (!token) return record(world, text, 1, 'gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN environment variable.', tool.provenance);
    return publish(world, text, inputs.tag ?? positionalAfter(text, 'create') ?? env.GITHUB_REF_NAME ?? '', tool.provenance);
  }
  const caught = commit.defect ? tool.catches?.[commit.defect] : undefined;
  if (caught) return record(world, text, 1, caught, tool.provenance);
  return record(world, text, 0, tool.pass ?? 'ok', tool.provenance);
}

/** `test` / `[ ]` on already-expanded words: -n, -z, =, !=, and a lone string. Anything else is true. */
function shellTest(args: string[]): boolean {
  if (args[0] === '!') return !shellTest(args.slice(1));
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args[0] === '-n') return (args[1] ?? '') !== '';
  if (args[0] === '-z') return (args[1] ?? '') === '';
  if (args[1] === '=' || args[1] === '==') return args[0] === (args[2] ?? '');
  if (args[1] === '!=') return args[0] !== (args[2] ?? '');
  return true;
}

function positionalAfter(text: string, word: string): string | undefined {
  const words = text.split(/\s+/);
  const i = words.indexOf(word);
  const next = i >= 0 ? words[i + 1] : undefined;
  return next && !next.startsWith('-') ? next : undefined;
}

export function publish(world: CommandWorld, text: string, tag: string, provenance: Provenance): number {
  if (!world.contentsWrite) return record(world, text, 1, 'HTTP 403: Resource not accessible by integration (the token lacks contents: write)', provenance);
  if (!tag) return record(world, text, 1, 'a release needs a tag, and this run is not for one', provenance);
  const signed = world.state.signed;
  world.published.push({ tag, signed });
  world.effects.add('published');
  if (!signed) world.effects.add('unsigned-release');
  return record(world, text, 0, `release ${tag} published${signed ? '' : ' (plugin NOT signed)'}`, provenance);
}
