import { describe, expect, it } from 'vitest';
import { parseWorkflowFile } from '../workflow/parse';
import { simulatePipeline } from './simulate';

const pkg = { version: '1.2.0', scripts: { typecheck: 'tsc --noEmit', build: 'webpack', sign: 'npx --yes @grafana/sign-plugin@latest', 'check-tag': 'node scripts/check-tag.mjs' } };

async function simulate(steps: string, opts: { on?: string; top?: string; seed?: number } = {}) {
  const yaml = `on:\n${opts.on ?? "  pull_request:\n  push:\n    branches: [main]\n    tags: ['v*']"}\n${opts.top ?? ''}\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
  const { model, errors } = await parseWorkflowFile('ci.yml', yaml);
  expect(errors).toEqual([]);
  return simulatePipeline({ model: model!, packageJson: pkg, seed: opts.seed ?? 1 });
}
const cell = (r: Awaited<ReturnType<typeof simulate>>, commit: string, event = 'pull_request') => r.cells.find((c) => c.commit === commit && c.event === event)!;

describe('pipeline simulation', () => {
  it('go test catches a failing test but not a data race; -race catches both', async () => {
    const plain = await simulate('      - run: go test ./...\n');
    expect(cell(plain, 'failing-go-test').status).toBe('stopped');
    expect(cell(plain, 'data-race').status).toBe('passed');
    const race = await simulate('      - run: go test -race ./...\n');
    expect(cell(race, 'data-race')).toMatchObject({ status: 'stopped', stoppedAt: { job: 'ci' } });
  });
  it('a pipe into tee hides the failure unless shell: bash', async () => {
    expect(cell(await simulate('      - run: go test ./... | tee t.txt\n'), 'failing-go-test').status).toBe('passed');
    expect(cell(await simulate('      - run: go test ./... | tee t.txt\n        shell: bash\n'), 'failing-go-test').status).toBe('stopped');
  });
  it('npm scripts resolve through package.json; an unknown command is not a gate', async () => {
    const r = await simulate('      - run: npm run typecheck\n      - run: frobnicate --all\n');
    expect(cell(r, 'ts-type-error').stoppedAt?.reason).toMatch(/TS2322/);
    expect(cell(r, 'go-build-error').status).toBe('passed');
    expect(r.notes.join()).toMatch(/frobnicate.*unknown command: not a gate/);
  });
  it('a fork pull_request gets no secrets; pull_request_target does', async () => {
    const steps = '      - run: npm ci\n        env:\n          T: ${{ secrets.GRAFANA_ACCESS_POLICY_TOKEN }}\n';
    expect(cell(await simulate(steps), 'fork-exfiltration', 'fork_pull_request').exposedSecrets).toEqual([]);
    const target = await simulate(steps, { on: '  pull_request_target:' });
    expect(cell(target, 'fork-exfiltration', 'fork_pull_request').exposedSecrets).toEqual(['GRAFANA_ACCESS_POLICY_TOKEN']);
  });
  it('caches keyed on go.sum hit until go.sum changes; a key on sources misses', async () => {
    const r = await simulate('      - uses: actions/setup-go@v5\n');
    const go = r.cache.filter((e) => e.event === 'pull_request');
    expect(go.find((e) => e.commit === 'ts-type-error')?.hit).toBe(true);
    expect(go.find((e) => e.commit === 'vuln-go')?.hit).toBe(false);
    const src = await simulate("      - uses: actions/cache@v4\n        with:\n          path: ~/go/pkg/mod\n          key: go-${{ hashFiles('**/*.go') }}\n");
    expect(src.cache.find((e) => e.commit === 'data-race' && e.event === 'pull_request')?.hit).toBe(false);
  });
  it('permissions default to write and fork runs are capped at read', async () => {
    const r = await simulate('      - run: echo hi\n');
    expect(cell(r, 'clean').runs[0].jobs[0]).toMatchObject({ permissionsFrom: 'default', permissions: { contents: 'write' } });
    expect(cell(r, 'clean', 'fork_pull_request').runs[0].jobs[0].permissions.contents).toBe('read');
    const ro = await simulate('      - run: echo hi\n', { top: 'permissions:\n  contents: read' });
    expect(cell(ro, 'clean').runs[0].jobs[0].permissions).toMatchObject({ contents: 'read', issues: 'none' });
  });
  it('signing fails without its token; publishing needs contents: write', async () => {
    const steps = "      - run: npm run sign\n        env:\n          GRAFANA_ACCESS_POLICY_TOKEN: ${{ secrets.GRAFANA_ACCESS_POLICY_TOKEN }}\n      - run: gh release create $GITHUB_REF_NAME\n        if: github.ref_type == 'tag'\n        env:\n          GH_TOKEN: ${{ github.token }}\n";
    const r = await simulate(steps);
    expect(cell(r, 'clean', 'push_tag')).toMatchObject({ status: 'released', release: { tag: 'v1.2.0', signed: true } });
    expect(cell(r, 'token-missing', 'push_tag').status).toBe('stopped');
    const ro = await simulate(steps, { top: 'permissions:\n  contents: read' });
    expect(cell(ro, 'clean', 'push_tag').stoppedAt?.reason).toMatch(/403/);
  });
  it('is deterministic: the same seed gives the same result, another seed other commit ids', async () => {
    const steps = '      - uses: actions/setup-node@v4\n        with:\n          cache: npm\n      - run: npm audit\n';
    expect(await simulate(steps)).toEqual(await simulate(steps));
    const other = await simulate(steps, { seed: 2 });
    expect(other.commits[0].sha).not.toBe((await simulate(steps)).commits[0].sha);
    expect(other.cells.map((c) => c.status)).toEqual((await simulate(steps)).cells.map((c) => c.status));
  });
});
