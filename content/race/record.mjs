#!/usr/bin/env node
/**
 * Records what the real Go race detector prints for every program in index.json, and
 * writes content/race/recorded.json (what the lab shows next to the model's output) and
 * recorded/<id>.txt (the same transcripts, for reading in a review).
 *
 * Needs a Go toolchain with cgo (the race runtime) on PATH: `go version` must work.
 * Each program is copied to /tmp/race/main.go, so its reports name the same file as
 * the model's, then run:
 *   - built with `go build -race` and run RUNS times: the first run's terminal is the
 *     transcript; all runs count how many the detector flagged and which outputs
 *     appeared. A run still going after TIMEOUT seconds is killed and counted as hung
 *     (under -race a deadlocked program hangs: the race runtime keeps the Go runtime
 *     from noticing that every goroutine is asleep);
 *   - built and run once without -race, to show what a plain run prints;
 *   - `go test -race -timeout 10s` once, with a test that calls main(), for the
 *     transcript a CI job would show.
 *
 * Usage: node content/race/record.mjs        (from the repository root)
 * Nothing else reads the network or this machine's state: the result depends only on
 * the programs and the Go release.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..'); // index.json names files relative to the repository
const WORK = '/tmp/race';
const RUNS = 20;
const TIMEOUT = 5;
const index = JSON.parse(readFileSync(join(HERE, 'index.json'), 'utf8'));

const goVersion = execFileSync('go', ['version'], { encoding: 'utf8' }).trim(); // "go version go1.19.8 linux/amd64"
const [, , version, platform] = goVersion.split(' ');
const env = { ...process.env, CGO_ENABLED: '1', GOFLAGS: '-mod=mod', GO111MODULE: 'on' };

/** Runs a command in WORK; stdout and stderr interleaved as a terminal shows them. */
function run(command) {
  const r = spawnSync('bash', ['-c', `${command} 2>&1`], { cwd: WORK, env, encoding: 'utf8', timeout: 120_000 });
  return { exitCode: r.status ?? -1, text: r.stdout };
}

/** Runs a built binary, killed after TIMEOUT seconds (`timeout` exits 124 then). */
function runBinary(name) {
  const r = run(`timeout -s KILL ${TIMEOUT} ./${name}`);
  const hung = r.exitCode === 137 || r.exitCode === 124;
  return { exitCode: hung ? null : r.exitCode, hung, text: r.text };
}

/** The program's own stdout: the lines the race detector and the runtime did not print. */
function programOutput(text) {
  const lines = text.split('\n');
  const out = [];
  let inReport = false;
  for (const line of lines) {
    if (line === '==================') {
      inReport = !inReport;
      continue;
    }
    if (inReport || line === '' || /^(Found \d+ data race|exit status|fatal error|goroutine \d+|panic:)/.test(line) || /^\s/.test(line)) continue;
    out.push(line);
  }
  return out.join('\n');
}

function flagged(text) {
  return text.includes('WARNING: DATA RACE');
}

const recorded = {
  $comment: 'Written by content/race/record.mjs from real runs of the Go race detector. Do not edit by hand: run the script again where Go is installed.',
  tool: {
    goVersion: version,
    timeoutSeconds: TIMEOUT,
    platform,
    recorded: new Date().toISOString().slice(0, 10),
    runs: RUNS,
    file: `${WORK}/main.go`,
  },
  programs: {},
};

rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });
writeFileSync(join(WORK, 'go.mod'), 'module race\n\ngo 1.19\n');
writeFileSync(join(WORK, 'main_test.go'), 'package main\n\nimport "testing"\n\n// TestRun runs the program as a test, so go test -race watches it.\nfunc TestRun(t *testing.T) {\n\tmain()\n}\n');
mkdirSync(join(HERE, 'recorded'), { recursive: true });

for (const program of index.programs) {
  const source = readFileSync(join(ROOT, program.file), 'utf8');
  writeFileSync(join(WORK, 'main.go'), source);
  execFileSync('go', ['build', '-race', '-o', 'prog', 'main.go'], { cwd: WORK, env });
  execFileSync('go', ['build', '-o', 'plain', 'main.go'], { cwd: WORK, env });
  const runs = Array.from({ length: RUNS }, () => runBinary('prog'));
  const outputs = new Map();
  for (const r of runs) {
    const out = r.hung ? '(hung)' : programOutput(r.text);
    outputs.set(out, (outputs.get(out) ?? 0) + 1);
  }
  const plain = runBinary('plain');
  const test = run('go test -race -count=1 -timeout 10s .');
  const first = runs[0];
  recorded.programs[program.id] = {
    source,
    race: { command: 'go build -race -o prog main.go && ./prog', exitCode: first.exitCode, hung: first.hung, transcript: first.text },
    plain: { command: 'go build -o plain main.go && ./plain', exitCode: plain.exitCode, hung: plain.hung, transcript: plain.text },
    test: { command: 'go test -race -timeout 10s', exitCode: test.exitCode, hung: false, transcript: test.text },
    sweep: { runs: RUNS, flagged: runs.filter((r) => flagged(r.text)).length, hung: runs.filter((r) => r.hung).length, outputs: [...outputs].map(([output, count]) => ({ output, count })) },
  };
  const show = (cmd, r) => `$ ${cmd}\n${r.text}${r.hung ? `(killed after ${TIMEOUT} s: still running)\n` : `(exit code ${r.exitCode})\n`}`;
  writeFileSync(
    join(HERE, 'recorded', `${program.id}.txt`),
    [show('go build -race -o prog main.go && ./prog', first), show('go build -o plain main.go && ./plain', plain), show('go test -race -timeout 10s', test)].join('\n'),
  );
  const s = recorded.programs[program.id].sweep;
  console.log(`${program.id}: flagged in ${s.flagged} of ${RUNS} runs, hung in ${s.hung}; plain exit ${plain.exitCode}; go test exit ${test.exitCode}`);
}

writeFileSync(join(HERE, 'recorded.json'), `${JSON.stringify(recorded, null, 2)}\n`);
console.log(`wrote recorded.json with ${goVersion}`);
