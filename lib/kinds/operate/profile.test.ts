/**
 * Where an operate Run's time goes, in Node: each Week 4 operate lab's solution run
 * through its checks as the conformance test runs them, printing per plan the sandbox
 * run's time, its requests, upstream calls and scrapes, the host's parsing time and the
 * size of what crossed from the worker. A measuring tool, not a test: it asserts nothing
 * and is skipped unless OPERATE_PROFILE=1 (`OPERATE_PROFILE=1 npx vitest run lib/kinds/operate/profile.test.ts`).
 */
import { afterAll, describe, it } from 'vitest';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { runChecks } from '../../checks/runner';
import type { LabCheck } from '../../checks/types';
import { loadAllLabs } from '../../labs/load';
import { createNodeSandbox } from '../../runtime/node/node-sandbox';
import type { RawRun, RunJob, SandboxRunner } from '../../runtime/sandbox/host';
import { hashString } from '../../random';
import { createOperateContext } from './context';
import { parseExposition } from './exposition';
import type { OperateAnswer } from './job';

const enabled = process.env.OPERATE_PROFILE === '1';
const only = process.env.OPERATE_PROFILE_LAB;
const labs = enabled ? loadAllLabs().filter((lab) => lab.meta.kind === 'operate' && (!only || lab.id.includes(only))) : [];

describe.skipIf(!enabled)('operate profile', () => {
  const host = createNodeSandbox();
  afterAll(() => host.dispose());

  it.each(labs.map((lab) => [lab.id, lab] as const))('%s', async (_id, lab) => {
    await host.warmUp();
    const checks = (await import(join(process.cwd(), lab.dir, 'checks.ts'))).default as LabCheck[];
    for (const round of [1, 2]) {
      const session = host.session();
      const rows: string[] = [];
      let runs = 0;
      const timed: SandboxRunner = {
        async run(job: RunJob): Promise<RawRun> {
          const n = ++runs;
          const t0 = performance.now();
          const c0 = process.cpuUsage();
          let upstreamCalls = 0;
          let bodyBytes = 0;
          const raw = await session.run({
            ...job,
            upstream: async (r, s) => {
              upstreamCalls++;
              const answer = await job.upstream(r, s);
              bodyBytes += 'response' in answer ? answer.response.body.length : 'body' in answer ? answer.body.length : 0;
              return answer;
            },
          });
          const t1 = performance.now();
          const cpu = process.cpuUsage(c0);
          const answer = raw.output.ok ? (raw.output.value as OperateAnswer) : undefined;
          const p0 = performance.now();
          let chars = 0;
          for (const s of answer?.scrapes ?? []) if (s.text) (chars += s.text.length), parseExposition(s.text);
          const p1 = performance.now();
          const reqs = (job.request as { requests: unknown[] }).requests.length;
          rows.push(
            `plan ${n}: sandbox ${(t1 - t0).toFixed(0)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms), ${reqs} requests, ${upstreamCalls} upstream calls (${(bodyBytes / 1024).toFixed(0)} KB of bodies), ` +
              `${answer?.scrapes.length ?? 0} scrapes (${(chars / 1024).toFixed(0)} KB, parse ${(p1 - p0).toFixed(0)} ms), ` +
              `virtual ${((raw.virtualMs ?? 0) / 1000).toFixed(0)} s, record ${(serialize(raw).length / 1024).toFixed(0)} KB, ${raw.logs.length} logs`,
          );
          return raw;
        },
      };
      const ctx = createOperateContext(timed, lab.meta.entry!, lab.solution, undefined, { seed: hashString(lab.id) });
      const started = performance.now();
      const cpu0 = process.cpuUsage();
      const results = await runChecks(checks, ctx as never);
      const total = performance.now() - started;
      const cpuAll = process.cpuUsage(cpu0);
      session.close();
      console.log(
        `\n${lab.id} round ${round}: ${results.length} checks (${results.filter((r) => r.status === 'pass').length} pass) in ${total.toFixed(0)} ms (cpu ${((cpuAll.user + cpuAll.system) / 1000).toFixed(0)} ms), ${runs} plans\n  ${rows.join('\n  ')}`,
      );
    }
  }, 300_000);
});
