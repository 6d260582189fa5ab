/**
 * The simulated history of a Grafana data source plugin (TypeScript frontend, Go
 * backend): candidate commits on top of the same main branch, each with one defect
 * or none, and the events that can carry them (a pull request, one from a fork, a
 * push to main, a version tag). The seed only changes commit ids and pull request
 * numbers: which defect each commit has is fixed, so results stay comparable.
 */
import { hashString } from '../../../random';

export interface Defect {
  id: string;
  label: string;
  /** The tools (catalogue ids) that catch it, for hints. */
  caughtBy: string;
}

export const DEFECTS: Defect[] = [
  { id: 'ts-type-error', label: 'TypeScript type error', caughtBy: 'a type check (tsc --noEmit, or the production webpack build)' },
  { id: 'go-build-error', label: 'Go build error', caughtBy: 'go build, go vet, go test or mage' },
  { id: 'failing-go-test', label: 'failing Go test', caughtBy: 'go test (mind what a pipe does to its exit status)' },
  { id: 'data-race', label: 'data race', caughtBy: 'go test -race' },
  { id: 'vuln-go', label: 'Go dependency with a known vulnerability', caughtBy: 'govulncheck (or osv-scanner)' },
  { id: 'vuln-npm', label: 'npm dependency with a high-severity advisory', caughtBy: 'npm audit (or osv-scanner)' },
  { id: 'leaked-token', label: 'token committed to the repository', caughtBy: 'gitleaks, or trufflehog with --fail' },
  { id: 'tag-mismatch', label: "tag v1.2.1 but package.json says 1.2.0", caughtBy: 'the tag check (npm run check-tag)' },
  { id: 'token-missing', label: 'GRAFANA_ACCESS_POLICY_TOKEN secret missing', caughtBy: 'a signing step that fails without its token' },
  { id: 'fork-exfiltration', label: 'fork PR whose install script reads secrets', caughtBy: 'not giving fork pull requests any secrets' },
];

export interface SimCommit {
  id: string;
  sha: string;
  title: string;
  defect: string | null;
  /** Files the commit changes (for path filters and hashFiles). */
  changed: string[];
  /** The tag its release would be pushed as. */
  tag: string;
  /** Matrix columns this commit is pushed through. */
  events: EventId[];
}

export type EventId = 'pull_request' | 'fork_pull_request' | 'push_main' | 'push_tag';
export const EVENTS: { id: EventId; label: string }[] = [
  { id: 'pull_request', label: 'Pull request' },
  { id: 'fork_pull_request', label: 'Pull request from a fork' },
  { id: 'push_main', label: 'Push to main' },
  { id: 'push_tag', label: 'Tag push' },
];

/** Every file of the repository; a file's content changes only in commits that list it. */
export const REPO_FILES = [
  '.github/workflows/ci.yml', 'package.json', 'package-lock.json', 'tsconfig.json', '.config/webpack/webpack.config.ts',
  'src/module.ts', 'src/datasource.ts', 'src/components/QueryEditor.tsx', 'src/plugin.json', 'src/datasource.test.ts',
  'go.mod', 'go.sum', 'Magefile.go', 'pkg/main.go', 'pkg/plugin/datasource.go', 'pkg/plugin/datasource_test.go',
  'pkg/plugin/settings.go', 'scripts/check-tag.mjs', 'README.md', 'CHANGELOG.md',
];

const ALL: EventId[] = ['pull_request', 'fork_pull_request', 'push_main', 'push_tag'];

const BASE: Omit<SimCommit, 'sha'>[] = [
  { id: 'clean', title: 'Add a region selector to the query editor', defect: null, changed: ['src/components/QueryEditor.tsx', 'pkg/plugin/datasource.go', 'CHANGELOG.md'], tag: 'v1.2.0', events: ALL },
  { id: 'ts-type-error', title: 'Show the unit next to the limit field', defect: 'ts-type-error', changed: ['src/components/QueryEditor.tsx'], tag: 'v1.2.0', events: ALL },
  { id: 'go-build-error', title: 'Split frame building into a helper', defect: 'go-build-error', changed: ['pkg/plugin/datasource.go'], tag: 'v1.2.0', events: ALL },
  { id: 'failing-go-test', title: 'Return an empty frame for empty ranges', defect: 'failing-go-test', changed: ['pkg/plugin/datasource.go', 'pkg/plugin/datasource_test.go'], tag: 'v1.2.0', events: ALL },
  { id: 'data-race', title: 'Refresh the upstream token in the background', defect: 'data-race', changed: ['pkg/plugin/datasource.go', 'pkg/plugin/datasource_test.go'], tag: 'v1.2.0', events: ALL },
  { id: 'vuln-go', title: 'Bump golang.org/x/net', defect: 'vuln-go', changed: ['go.mod', 'go.sum'], tag: 'v1.2.0', events: ALL },
  { id: 'vuln-npm', title: 'Add axios for the health check', defect: 'vuln-npm', changed: ['package.json', 'package-lock.json', 'src/datasource.ts'], tag: 'v1.2.0', events: ALL },
  { id: 'leaked-token', title: 'Hard-code a token to debug the upstream', defect: 'leaked-token', changed: ['pkg/plugin/settings.go'], tag: 'v1.2.0', events: ALL },
  { id: 'tag-mismatch', title: 'Prepare the 1.2.1 release notes', defect: 'tag-mismatch', changed: ['CHANGELOG.md'], tag: 'v1.2.1', events: ALL },
  { id: 'token-missing', title: 'Release after the access policy token expired', defect: 'token-missing', changed: ['src/datasource.ts', 'CHANGELOG.md'], tag: 'v1.2.0', events: ALL },
  { id: 'fork-exfiltration', title: 'Fix a typo (from a fork; adds a postinstall script)', defect: 'fork-exfiltration', changed: ['package.json', 'README.md'], tag: 'v1.2.0', events: ['fork_pull_request'] },
];

/** FNV-1a, for stable fake ids and content hashes (never for security). */
export function fnv(text: string): string {
  return hashString(text).toString(16).padStart(8, '0');
}

export function commitsFor(seed: number): SimCommit[] {
  return BASE.map((c) => ({ ...c, sha: (fnv(`${seed}:${c.id}`) + fnv(`${c.id}:${seed}`)).slice(0, 12) }));
}

/** The content hash of a file as of a commit: it changes only in the commits that touch it. */
export function fileVersion(commit: SimCommit, path: string): string {
  return commit.changed.includes(path) ? fnv(`${commit.id}:${path}`) : fnv(`base:${path}`);
}

export function defectById(id: string | null): Defect | undefined {
  return DEFECTS.find((d) => d.id === id);
}
