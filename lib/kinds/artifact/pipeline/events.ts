/**
 * Which workflow events a matrix column fires, whether the workflow's `on:` filters
 * let each through, and the `github` context, secrets and token a run of it gets.
 *
 * Modelled on GitHub's documented rules: a pull request fires `pull_request` and
 * `pull_request_target` (branch filters match the base branch); a push has branch or
 * tag filters (a workflow with only `branches` ignores tag pushes and vice versa);
 * path filters are not evaluated for tag pushes; a fork's `pull_request` run gets no
 * secrets and a read-only token, while `pull_request_target` runs in the base
 * repository with its secrets.
 */
import { matchesFilters, globToRegExp } from '../workflow/glob';
import type { EventFilter, WorkflowModel } from '../workflow/model';
import type { EventId, SimCommit } from './scenario';

export const REPOSITORY = 'acme/weather-datasource';
export const SECRET_VALUES: Record<string, string> = {
  GRAFANA_ACCESS_POLICY_TOKEN: 'glc_simulated_access_policy_token',
  GITHUB_TOKEN: 'ghs_simulated_job_token',
};

export interface Trigger {
  /** The workflow event name: pull_request, pull_request_target, push. */
  event: string;
  github: Record<string, unknown>;
  secrets: Record<string, string>;
  /** Fork pull_request runs: token capped at read, no secrets. */
  fork: boolean;
  /** Whose code a checkout gets by default: the PR's (untrusted for forks) or the base branch's. */
  defaultCheckoutUntrusted: boolean;
}

function prNumber(commit: SimCommit, fork: boolean): number {
  return 40 + (parseInt(commit.sha.slice(0, 4), 16) % 50) * 2 + (fork ? 1 : 0);
}

function branchOk(filter: EventFilter, branch: string): boolean {
  if (filter.branches) return matchesFilters(branch, filter.branches);
  if (filter['branches-ignore']) return !matchesFilters(branch, filter['branches-ignore']);
  return true;
}

function pathsOk(filter: EventFilter, changed: string[]): boolean {
  if (filter.paths) return changed.some((f) => matchesFilters(f, filter.paths!));
  if (filter['paths-ignore']) return changed.some((f) => !filter['paths-ignore']!.some((p) => !p.startsWith('!') && globToRegExp(p).test(f)));
  return true;
}

/** The runs one matrix column starts for this workflow and commit. */
export function triggersFor(model: WorkflowModel, commit: SimCommit, column: EventId): Trigger[] {
  const out: Trigger[] = [];
  const secrets = { ...SECRET_VALUES };
  if (commit.defect === 'token-missing') delete secrets.GRAFANA_ACCESS_POLICY_TOKEN;
  const base = { repository: REPOSITORY, repository_owner: 'acme', sha: commit.sha, server_url: 'https://github.com', workflow: 'ci', token: SECRET_VALUES.GITHUB_TOKEN };

  if (column === 'pull_request' || column === 'fork_pull_request') {
    const fork = column === 'fork_pull_request';
    const number = prNumber(commit, fork);
    const headRef = `${commit.id}-change`;
    const pr = { number, head: { ref: headRef, sha: commit.sha, repo: { fork, full_name: fork ? `someone/weather-datasource` : REPOSITORY } }, base: { ref: 'main', repo: { full_name: REPOSITORY } } };
    for (const event of ['pull_request', 'pull_request_target']) {
      const filter = model.events[event];
      if (!filter) continue;
      const types = filter.types;
      if (types && !types.includes('opened') && !types.includes('synchronize')) continue;
      if (!branchOk(filter, 'main') || !pathsOk(filter, commit.changed)) continue;
      const target = event === 'pull_request_target';
      out.push({
        event,
        github: { ...base, event_name: event, ref: target ? 'refs/heads/main' : `refs/pull/${number}/merge`, ref_name: target ? 'main' : `${number}/merge`, ref_type: 'branch', head_ref: headRef, base_ref: 'main', event: { pull_request: pr, number, action: 'opened' } },
        // A fork's pull_request run gets no secrets except a read-only GITHUB_TOKEN.
        secrets: fork && !target ? { GITHUB_TOKEN: SECRET_VALUES.GITHUB_TOKEN } : secrets,
        fork: fork && !target,
        defaultCheckoutUntrusted: fork && !target,
      });
    }
    return out;
  }

  const filter = model.events.push;
  if (!filter) return out;
  if (column === 'push_main') {
    if (!filter.branches && !filter['branches-ignore'] && (filter.tags || filter['tags-ignore'])) return out;
    if (!branchOk(filter, 'main') || !pathsOk(filter, commit.changed)) return out;
    out.push({ event: 'push', github: { ...base, event_name: 'push', ref: 'refs/heads/main', ref_name: 'main', ref_type: 'branch', event: { ref: 'refs/heads/main' } }, secrets, fork: false, defaultCheckoutUntrusted: false });
    return out;
  }
  // Tag push: only tag filters apply, and path filters are ignored.
  if (!filter.tags && !filter['tags-ignore'] && (filter.branches || filter['branches-ignore'])) return out;
  if (filter.tags && !matchesFilters(commit.tag, filter.tags)) return out;
  if (filter['tags-ignore'] && matchesFilters(commit.tag, filter['tags-ignore'])) return out;
  out.push({ event: 'push', github: { ...base, event_name: 'push', ref: `refs/tags/${commit.tag}`, ref_name: commit.tag, ref_type: 'tag', event: { ref: `refs/tags/${commit.tag}` } }, secrets, fork: false, defaultCheckoutUntrusted: false });
  return out;
}

export type Level = 'none' | 'read' | 'write';
export const SCOPES = ['actions', 'attestations', 'checks', 'contents', 'deployments', 'discussions', 'id-token', 'issues', 'packages', 'pages', 'pull-requests', 'repository-projects', 'security-events', 'statuses'];

/**
 * The token's scopes: the job's `permissions`, else the workflow's, else the
 * permissive default (read/write for every scope but id-token), which is what
 * repositories created before 2023 and many organisations still have.
 */
export function effectivePermissions(spec: WorkflowModel['permissions'], fork: boolean): Record<string, Level> {
  const perms: Record<string, Level> = {};
  for (const scope of SCOPES) {
    let level: Level;
    if (spec === undefined) level = scope === 'id-token' ? 'none' : 'write';
    else if (spec === 'read-all') level = 'read';
    else if (spec === 'write-all') level = 'write';
    else level = (['read', 'write', 'none'].includes(spec[scope]) ? spec[scope] : 'none') as Level;
    if (fork && level === 'write') level = 'read';
    perms[scope] = level;
  }
  return perms;
}
