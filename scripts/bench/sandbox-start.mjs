// What one sandbox start costs, measured without a browser: every Run starts two fresh
// sandboxes, so this is paid twice per Run. For the worker bundle (public/sandbox/worker.js,
// or a path given), each sample in a fresh Node process:
//   compile  `new vm.Script(bundle)`: parsing and compiling the top level (no code cache,
//            as a blob worker gets none);
//   eval     running that top level once, with a stub `self`: every module's init;
//   ready    a worker thread with the Node test shim (lib/runtime/node/worker-thread.cjs),
//            as the unit tests' sandbox starts: from the thread's first line of script to
//            the runtime's `ready` (bundle load, connect, warm-up run). `load` is the part
//            before connect (the bundle's require), so ready − load ≈ connect + warm-up.
// Each is given as wall time and as CPU time (`…Cpu`: the whole process, V8's helper
// threads included); CPU time is the steadier figure when the machine is busy, as a
// shared one is. Prints the median (and min, p95) of each. Node's V8 is not Chrome's, and the figures
// are on a shared machine: compare runs of this script with each other, not with a trace.
//
//   node scripts/bench/sandbox-start.mjs [--build] [--runs 7] [bundle path ...]
//
// --build rebuilds public/sandbox/worker.js first (scripts/build-sandbox.mjs). Given
// several bundles (say a copy of the old one and the new), their samples are interleaved
// so the machine's drifting load reaches each alike: compare those, not separate runs.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { summarize } from './stats.mjs';

const SHIM = fileURLToPath(new URL('../../lib/runtime/node/worker-thread.cjs', import.meta.url));
const DEFAULT_BUNDLE = fileURLToPath(new URL('../../public/sandbox/worker.js', import.meta.url));

/** CPU time of this process (every thread, so V8's helper threads too), ms. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

// One sample, in this (fresh) process, printed as JSON on stdout.
async function child(mode, bundlePath) {
  if (mode === 'eval') {
    const vm = await import('node:vm');
    const source = readFileSync(bundlePath, 'utf8');
    globalThis.self = globalThis;
    globalThis.addEventListener = () => {};
    const c0 = cpuMs();
    const t0 = performance.now();
    const script = new vm.Script(source, { filename: bundlePath });
    const t1 = performance.now();
    const c1 = cpuMs();
    script.runInThisContext();
    const t2 = performance.now();
    const c2 = cpuMs();
    return { compile: t1 - t0, eval: t2 - t1, compileCpu: c1 - c0, evalCpu: c2 - c1 };
  }
  const { Worker } = await import('node:worker_threads');
  // Times are taken in the thread, on its own clock, so thread start-up is left out. The
  // shim binds parentPort.postMessage when it loads; wrapping it first sees `ready`.
  const code = `
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const cpu = () => { const d = process.cpuUsage(c0); return (d.user + d.system) / 1000; };
    const { parentPort } = require('node:worker_threads');
    const send = parentPort.postMessage;
    let load = 0, loadCpu = 0;
    parentPort.postMessage = function (message, transfer) {
      if (message && message.type === 'ready') message = { type: 'bench', load, loadCpu, ready: performance.now() - t0, readyCpu: cpu() };
      return send.call(this, message, transfer);
    };
    require(${JSON.stringify(SHIM)});
    load = performance.now() - t0;
    loadCpu = cpu();
  `;
  const worker = new Worker(code, { eval: true, workerData: { bundlePath } });
  worker.postMessage({ type: 'connect' });
  const result = await new Promise((done, fail) => {
    worker.on('message', (m) => m?.type === 'bench' && done(m));
    worker.on('error', fail);
  });
  await worker.terminate();
  return { load: result.load, ready: result.ready, loadCpu: result.loadCpu, readyCpu: result.readyCpu };
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  process.stdout.write(JSON.stringify(await child(args[1], args[2])));
  process.exit(0);
}

let runs = 7;
const bundles = [];
let rebuild = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--build') rebuild = true;
  else if (args[i] === '--runs') runs = Number(args[++i]);
  else bundles.push(resolve(args[i]));
}
if (bundles.length === 0) bundles.push(DEFAULT_BUNDLE);
if (rebuild) {
  const { buildSandbox } = await import('../build-sandbox.mjs');
  await buildSandbox();
}

const me = fileURLToPath(import.meta.url);
const sample = (mode, bundlePath) => JSON.parse(execFileSync(process.execPath, [me, '--child', mode, bundlePath], { encoding: 'utf8' }));
const samples = bundles.map(() => ({ compile: [], eval: [], load: [], ready: [], compileCpu: [], evalCpu: [], loadCpu: [], readyCpu: [] }));
for (let i = 0; i < runs; i++) {
  bundles.forEach((bundlePath, b) => {
    const e = sample('eval', bundlePath);
    const r = sample('ready', bundlePath);
    for (const [key, value] of Object.entries({ ...e, ...r })) samples[b][key].push(value);
  });
}
bundles.forEach((bundlePath, b) => {
  const bytes = statSync(bundlePath).size;
  console.log(`bundle ${bundlePath}: ${bytes} bytes (${(bytes / 1024).toFixed(0)} KB), ${runs} runs`);
  for (const [name, values] of Object.entries(samples[b])) {
    const s = summarize(values);
    console.log(`  ${name.padEnd(10)} median ${String(s.median).padStart(7)} ms   min ${String(s.min).padStart(7)}   p95 ${String(s.p95).padStart(7)}`);
  }
});
