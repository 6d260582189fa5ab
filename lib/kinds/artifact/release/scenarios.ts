/**
 * What the capstone replays through the Week 3 pipeline simulator: a repository at
 * version 1.4.0 whose releases so far are v1.2.0 and v1.3.0, and the events a release
 * design must handle. Each row is one commit sent through some of the simulator's
 * events (pull request, pull request from a fork, push to main, tag push); a tag row
 * carries the package.json version of its commit and the releases that exist before it.
 *
 * The defects of the pull request rows are the Week 3 ones (scenario.ts), so the same
 * catalogue of tools catches them; only the release rows are new.
 */
import { commitsFor, fnv, type EventId, type SimCommit } from '../pipeline/scenario';

/** A release as GitHub lists it, for the channel before and after a tag. */
export interface ChannelRelease {
  tag: string;
  prerelease: boolean;
  draft: boolean;
  latest: boolean;
}

export type ScenarioId = 'change' | 'fork' | 'rc-tag' | 'stable-tag' | 'mismatch-tag' | 'hotfix-tag' | 'defective-tag' | 'no-token-tag';

export interface ReleaseRow {
  /** Row id (also its commit's id): a scenario id, or a Week 3 defect id for the pull requests that must be stopped. */
  id: string;
  scenario?: ScenarioId;
  commit: SimCommit;
  /** package.json's version in this commit. */
  version: string;
  /** What the row shows in the matrix, instead of the Week 3 defect label. */
  label: string;
  /** In words: what a good design does with it. */
  expectation: string;
  /** Tag rows: the releases that exist when the tag is pushed. */
  before?: ChannelRelease[];
}

/** Defects a pull request must not merge with: the Week 3 code and scan defects. */
export const PR_DEFECTS = ['ts-type-error', 'go-build-error', 'failing-go-test', 'data-race', 'vuln-go', 'vuln-npm', 'leaked-token'] as const;

export const PLUGIN_ID = 'acme-weather-datasource';
/** The version on main, which the stable tag releases. */
export const MAIN_VERSION = '1.4.0';

const rel = (tag: string, latest = false, prerelease = false): ChannelRelease => ({ tag, prerelease, draft: false, latest });
const HISTORY = [rel('v1.2.0'), rel('v1.3.0', true)];

function commit(seed: number, id: string, title: string, tag: string, events: EventId[], defect: string | null, changed: string[]): SimCommit {
  return { id, sha: (fnv(`${seed}:release:${id}`) + fnv(`release:${id}:${seed}`)).slice(0, 12), title, defect, changed, tag, events };
}

/** The rows, in matrix order. Deterministic for a seed (it only changes commit ids). */
export function releaseRows(seed: number): ReleaseRow[] {
  const week3 = new Map(commitsFor(seed).map((c) => [c.id, c]));
  const defectRows: ReleaseRow[] = PR_DEFECTS.map((id) => {
    const base = week3.get(id)!;
    return { id, commit: { ...base, tag: `v${MAIN_VERSION}`, events: ['pull_request'] }, version: MAIN_VERSION, label: base.title, expectation: 'a required check fails, so the pull request cannot merge' };
  });
  const fork = week3.get('fork-exfiltration')!;
  return [
    {
      id: 'change',
      scenario: 'change',
      commit: commit(seed, 'change', 'Add a region selector to the query editor', `v${MAIN_VERSION}`, ['pull_request', 'fork_pull_request', 'push_main'], null, ['src/components/QueryEditor.tsx', 'pkg/plugin/datasource.go', 'CHANGELOG.md']),
      version: MAIN_VERSION,
      label: 'a clean change',
      expectation: 'every required check runs and passes, for a pull request and for the same change from a fork; nothing is released from a pull request or from main',
    },
    ...defectRows,
    {
      id: 'fork',
      scenario: 'fork',
      commit: { ...fork, id: 'fork', defect: null, tag: `v${MAIN_VERSION}` },
      version: MAIN_VERSION,
      label: 'fork PR whose install script reads secrets',
      expectation: 'no secret and no token that can write reaches code from a fork',
    },
    {
      id: 'rc-tag',
      scenario: 'rc-tag',
      commit: commit(seed, 'rc-tag', 'Release candidate 1.4.0-rc.1', 'v1.4.0-rc.1', ['push_tag'], null, ['package.json', 'CHANGELOG.md']),
      version: '1.4.0-rc.1',
      label: 'release candidate v1.4.0-rc.1',
      expectation: "published as a signed pre-release; 'latest' stays v1.3.0",
      before: HISTORY,
    },
    {
      id: 'stable-tag',
      scenario: 'stable-tag',
      commit: commit(seed, 'stable-tag', 'Release 1.4.0', `v${MAIN_VERSION}`, ['push_tag'], null, ['package.json', 'CHANGELOG.md']),
      version: MAIN_VERSION,
      label: `stable tag v${MAIN_VERSION}`,
      expectation: 'published as a signed full release, whose manifest covers every file',
      before: [...HISTORY, rel('v1.4.0-rc.1', false, true)],
    },
    {
      id: 'mismatch-tag',
      scenario: 'mismatch-tag',
      commit: commit(seed, 'mismatch-tag', 'Tag v1.4.1 on a commit whose package.json says 1.4.0', 'v1.4.1', ['push_tag'], 'tag-mismatch', ['CHANGELOG.md']),
      version: MAIN_VERSION,
      label: 'tag v1.4.1, package.json 1.4.0',
      expectation: 'refused: no release and no draft',
      before: [...HISTORY, rel('v1.4.0-rc.1', false, true)],
    },
    {
      id: 'hotfix-tag',
      scenario: 'hotfix-tag',
      commit: commit(seed, 'hotfix-tag', 'Hotfix 1.3.1 on the release/1.3 branch', 'v1.3.1', ['push_tag'], null, ['pkg/plugin/datasource.go', 'package.json', 'CHANGELOG.md']),
      version: '1.3.1',
      label: 'hotfix v1.3.1 after v1.4.0 shipped',
      expectation: "published as a signed full release; 'latest' stays v1.4.0 (never goes back to an older version)",
      before: [rel('v1.2.0'), rel('v1.3.0'), rel('v1.4.0-rc.1', false, true), rel('v1.4.0', true)],
    },
    {
      id: 'defective-tag',
      scenario: 'defective-tag',
      commit: { ...week3.get('failing-go-test')!, id: 'defective-tag', title: 'Tag v1.4.0 on a commit whose Go tests fail', tag: `v${MAIN_VERSION}`, events: ['push_tag'] },
      version: MAIN_VERSION,
      label: `tag v${MAIN_VERSION} on a commit that fails a test`,
      expectation: 'refused: the release waits for the required checks, and one fails',
      before: [...HISTORY, rel('v1.4.0-rc.1', false, true)],
    },
    {
      id: 'no-token-tag',
      scenario: 'no-token-tag',
      commit: commit(seed, 'no-token-tag', 'Release 1.4.0 after the signing token expired', `v${MAIN_VERSION}`, ['push_tag'], 'token-missing', ['package.json', 'CHANGELOG.md']),
      version: MAIN_VERSION,
      label: `tag v${MAIN_VERSION} with the signing secret missing`,
      expectation: 'refused: signing fails without its secret, and nothing unsigned is published',
      before: [...HISTORY, rel('v1.4.0-rc.1', false, true)],
    },
  ];
}

/** Tags the trigger comparison tries: release.yaml's patterns and the workflows' tag filters must agree on each. */
export const SAMPLE_TAGS = ['v1.4.0', 'v1.4.0-rc.1', 'v1.3.1', 'v2.0.0', 'v1', 'nightly', 'latest', 'docs-2026-12', 'release-1.4.0'];
