/**
 * What a `uses:` step does in the simulation: checkout (whose code the job now
 * runs), setup-go / setup-node / cache (cache keys and hits), actions that wrap a
 * catalogue tool, and release actions. An action the catalogue does not know runs
 * and passes and is never a gate.
 */
import type { CacheEvent } from '../record';
import { findAction, toolById } from './catalogue';
import { publish, runTool, type CommandWorld } from './tools';

/** Caches visible to a run: GitHub lets a run restore keys saved on its own ref or on the default branch. */
export class CacheStore {
  private saved = new Map<string, Set<string>>();
  has(ref: string, key: string, prefix = false): boolean {
    for (const scope of [ref, 'refs/heads/main']) {
      for (const k of this.saved.get(scope) ?? []) if (prefix ? k.startsWith(key) : k === key) return true;
    }
    return false;
  }
  save(ref: string, key: string) {
    if (!this.saved.has(ref)) this.saved.set(ref, new Set());
    this.saved.get(ref)!.add(key);
  }
}

export interface PendingSave {
  key: string;
  event: CacheEvent;
}

export interface ActionContext {
  world: CommandWorld;
  uses: string;
  inputs: Record<string, string>;
  ref: string;
  store: CacheStore;
  hashFiles(patterns: string[]): string;
  /** Cache entries this step restored; saves happen at the end of a successful job. */
  cacheEvents: CacheEvent[];
  pendingSaves: PendingSave[];
  /** Set by checkout: whose code the job now runs. */
  job: { untrustedCode: boolean; defaultCheckoutUntrusted: boolean };
  where: { commit: string; event: string; job: string; step: string };
}

const major = (uses: string) => Number(/@v(\d+)/.exec(uses)?.[1] ?? 99);

function cache(ctx: ActionContext, kind: CacheEvent['kind'], key: string, restoreKeys: string[], save: boolean) {
  const hit = ctx.store.has(ctx.ref, key);
  const partial = !hit && restoreKeys.some((k) => k && ctx.store.has(ctx.ref, k, true));
  const event: CacheEvent = { ...ctx.where, kind, key, hit, saved: false };
  ctx.cacheEvents.push(event);
  if (!hit && save) ctx.pendingSaves.push({ key, event });
  ctx.world.results.push({
    command: ctx.uses,
    exitCode: 0,
    output: hit ? `Cache restored from key: ${key}` : partial ? `Cache partially restored (restore-keys); key ${key} will be saved` : `Cache not found for key: ${key}`,
    provenance: findAction(ctx.uses)?.provenance ?? { kind: 'modelled', tool: ctx.uses, basis: 'cache' },
  });
}

function kindOfPath(path: string): CacheEvent['kind'] {
  if (/go\/pkg\/mod|go-build|GOMODCACHE|GOCACHE/.test(path)) return 'go';
  if (/\.npm|node_modules|npm-cache/.test(path)) return 'npm';
  return 'other';
}

/** Runs a `uses:` step; returns its exit status. */
export function runAction(ctx: ActionContext): number {
  const { world, uses, inputs } = ctx;
  const name = uses.split('@')[0].toLowerCase();
  const entry = findAction(uses);
  if (!entry) {
    world.notes.add(`\`${name}\`: unknown action: not a gate`);
    world.results.push({ command: uses, exitCode: 0, output: 'unknown action: not a gate', provenance: { kind: 'unknown', tool: 'not in the catalogue', basis: 'runs and passes; never a gate' } });
    return 0;
  }
  const ok = (output: string) => {
    world.results.push({ command: uses, exitCode: 0, output, provenance: entry.provenance });
    return 0;
  };
  switch (entry.uses) {
    case 'actions/checkout': {
      const ref = inputs.ref ?? '';
      // pull_request_target checks out the base branch unless told to fetch the PR's head.
      const prCode = ref !== '' && (ref.includes(world.commit.sha) || /\/pull\/|-change/.test(ref));
      ctx.job.untrustedCode = ctx.job.defaultCheckoutUntrusted || (world.env.GITHUB_EVENT_NAME === 'pull_request_target' && prCode && ctx.where.event === 'fork_pull_request');
      return ok(ctx.job.untrustedCode ? `checked out the pull request's code (${world.commit.sha})` : `checked out ${world.env.GITHUB_REF}`);
    }
    case 'actions/setup-go': {
      const enabled = inputs.cache !== undefined ? inputs.cache !== 'false' : major(uses) >= 4;
      if (enabled) cache(ctx, 'go', `setup-go-Linux-x64-go-${inputs['go-version'] ?? 'stable'}-${ctx.hashFiles([inputs['cache-dependency-path'] || '**/go.sum'])}`, [], true);
      return ok(`Go ${inputs['go-version'] ?? inputs['go-version-file'] ?? 'stable'} set up${enabled ? '' : ' (cache off)'}`);
    }
    case 'actions/setup-node': {
      const manager = inputs.cache;
      if (manager) {
        const lock = inputs['cache-dependency-path'] || (manager === 'npm' ? '**/package-lock.json' : manager === 'yarn' ? '**/yarn.lock' : '**/pnpm-lock.yaml');
        cache(ctx, manager === 'npm' ? 'npm' : 'other', `node-cache-Linux-x64-${manager}-${ctx.hashFiles([lock])}`, [], true);
      }
      return ok(`Node.js ${inputs['node-version'] ?? 'lts'} set up${manager ? '' : ' (no cache: input `cache` not set)'}`);
    }
    case 'actions/cache': {
      const key = inputs.key ?? '';
      if (!key) {
        world.results.push({ command: uses, exitCode: 1, output: 'Input required and not supplied: key', provenance: entry.provenance });
        return 1;
      }
      const restore = name !== 'actions/cache/save';
      const save = name !== 'actions/cache/restore';
      const restoreKeys = (inputs['restore-keys'] ?? '').split('\n').map((s) => s.trim());
      if (restore) cache(ctx, kindOfPath(inputs.path ?? ''), key, restoreKeys, save);
      else {
        ctx.pendingSaves.push({ key, event: { ...ctx.where, kind: kindOfPath(inputs.path ?? ''), key, hit: false, saved: false } });
        return ok(`will save ${key}`);
      }
      return 0;
    }
    default:
      break;
  }
  if (entry.tool) return runTool(toolById(entry.tool), uses, world, inputs);
  if (entry.effect === 'publish') {
    return publish(world, uses, inputs.tag_name ?? inputs.tag ?? (world.env.GITHUB_REF_TYPE === 'tag' ? world.env.GITHUB_REF_NAME : ''), entry.provenance);
  }
  if (entry.effect === 'build-plugin') {
    for (const id of ['webpack', 'mage-build']) if (runTool(toolById(id), `${uses} (${id})`, world) !== 0) return 1;
    if (inputs.policy_token) {
      world.state.signed = true;
      world.effects.add('signed');
    }
    return publish(world, uses, world.env.GITHUB_REF_TYPE === 'tag' ? world.env.GITHUB_REF_NAME : '', entry.provenance);
  }
  return ok('done');
}
