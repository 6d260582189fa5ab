/**
 * The comparison the bench measures our run loop against: the same lab, the same
 * handler and the same checks, run the way a simple playground would: every execution
 * compiles the files with the full TypeScript compiler and starts a fresh worker.
 * Everything else (the mocked upstream, the checks, the sandbox protocol) is ours, so
 * the difference is only those two choices. Bundled by scripts/bench/naive.mjs.
 */
import ts from 'typescript';
import { createCheckContext } from '@/lib/checks/context';
import { runChecks } from '@/lib/checks/runner';
import type { LabCheck } from '@/lib/checks/types';
import { runOnce } from '@/lib/engine/run';
import { buildQueryDataRequest } from '@/lib/engine/request';
import { labMetaSchema } from '@/lib/labs/schema';
import { spawnBrowserSandbox } from '@/lib/runtime/sandbox/browser-sandbox';
import { SandboxHost, type RawRun, type RunJob } from '@/lib/runtime/sandbox/host';
import labJson from '../../labs/week-2/01-first-query-path/lab.json';
import checks from '../../labs/week-2/01-first-query-path/checks';

declare const __SOLUTION__: Record<string, string>;

const meta = labMetaSchema.parse(labJson);

function transpileWithTypeScript(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).map(([path, text]) => [
      path,
      ts.transpileModule(text, { fileName: path, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText,
    ]),
  );
}

/** A SandboxHost look-alike that pays a full compile and a new worker for every run. */
const naiveSandbox = {
  async run(job: RunJob): Promise<RawRun> {
    const host = new SandboxHost(() => spawnBrowserSandbox('/sandbox/worker.js'));
    try {
      return await host.run({ ...job, files: transpileWithTypeScript(job.files) });
    } finally {
      host.dispose();
    }
  },
} as unknown as SandboxHost;

/** One Run as the lab page does it: the request, then every check. Returns milliseconds. */
async function runOnceLikeThePage(): Promise<{ ms: number; passed: number; total: number }> {
  const started = performance.now();
  const request = buildQueryDataRequest(meta.run!, Math.floor(Date.now() / 60_000) * 60_000, {});
  await runOnce(naiveSandbox, { files: __SOLUTION__, meta, request, scenario: {} });
  const results = await runChecks(checks as LabCheck[], createCheckContext(naiveSandbox, meta, __SOLUTION__));
  return { ms: performance.now() - started, passed: results.filter((r) => r.status === 'pass').length, total: results.length };
}

(window as unknown as { naiveBench: unknown }).naiveBench = {
  async run(times: number) {
    const out = [];
    for (let i = 0; i < times; i++) out.push(await runOnceLikeThePage());
    return out;
  },
};
document.title = 'naive playground ready';
