import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSource, runProgram, runSeeds } from './lab';

const main = (body: string, imports = '"fmt"', globals = '') => `package main

import (${imports})
${globals}
func main() {
${body}
}
`;

describe('runProgram', () => {
  it('returns a parse error as data, with line and column', () => {
    const r = runProgram('package main\n\nfunc main() {\n\tgo func()\n}\n', { seed: 1 });
    expect(r.ok).toBe(false);
    expect(r.parseError).toEqual({ line: 4, column: 11, message: "line 4, column 11: expected '{' after func(), found newline" });
    expect(r.output).toEqual([]);
  });

  it('runs a program with no goroutines like Go: output, exit 0, one goroutine', () => {
    const r = runProgram(main('\tm := map[string]int{"b": 2, "a": 1}\n\tm["c"] = 3\n\tdelete(m, "b")\n\tfmt.Println(m, len(m))\n\tfmt.Printf("%s=%d %v\\n", "a", m["a"], m["z"] == 0)'), { seed: 1 });
    expect(r.output).toEqual(['map[a:1 c:3] 2', 'a=1 true']);
    expect(r).toMatchObject({ ok: true, exitCode: 0, report: [] });
    expect(r.goroutines).toEqual([{ id: 1, func: 'main.main', finished: true, steps: expect.any(Number) }]);
  });

  it('describes the goroutines a check needs: ids from 7, their functions and go lines', () => {
    const src = main('\tvar wg sync.WaitGroup\n\tfor i := 0; i < 3; i++ {\n\t\twg.Add(1)\n\t\tgo work(i, &wg)\n\t}\n\twg.Wait()', '"fmt"; "sync"', '\nfunc work(n int, wg *sync.WaitGroup) {\n\tdefer wg.Done()\n\tfmt.Println("job", n)\n}\n');
    const r = runProgram(src, { seed: 4 });
    expect(r.goroutines.map((g) => [g.id, g.func, g.createdAtLine, g.finished])).toEqual([
      [1, 'main.main', undefined, true],
      [7, 'main.work', 14, true],
      [8, 'main.work', 14, true],
      [9, 'main.work', 14, true],
    ]);
    expect([...r.output].sort()).toEqual(['job 0', 'job 1', 'job 2']);
    expect(r.interleaving.switches).toBeGreaterThan(0);
    expect(r.interleaving.summary).toMatch(/^1×\d+ /);
  });

  it('different seeds give different interleavings', () => {
    const src = main('\tdone := make(chan bool)\n\tfor i := 0; i < 3; i++ {\n\t\tgo func() {\n\t\t\tfmt.Println(i)\n\t\t\tdone <- true\n\t\t}()\n\t}\n\t<-done\n\t<-done\n\t<-done');
    const outputs = new Set(Array.from({ length: 12 }, (_, seed) => runProgram(src, { seed }).output.join(',')));
    expect(outputs.size).toBeGreaterThan(1);
  });

  it('reports a race in Go format, with gowrap frames for go f(args), and exits 66', () => {
    const src = main('\tgo bump(1)\n\tbump(2)\n\ttime.Sleep(time.Millisecond)\n\tfmt.Println(total)', '"fmt"; "time"', '\nvar total int\n\nfunc bump(n int) {\n\ttotal += n\n}\n');
    const r = runSeeds(src, { runs: 10 });
    expect(r.racySeeds).toHaveLength(10);
    const run = runProgram(src, { seed: r.racySeeds[0] });
    const err = run.transcript.filter((l) => l.stream === 'stderr').map((l) => l.text);
    expect(err.slice(0, 2)).toEqual(['==================', 'WARNING: DATA RACE']);
    expect(err).toContain('  main.main.gowrap1()');
    expect(err[err.indexOf('  main.main.gowrap1()') + 1]).toMatch(/^      \/tmp\/race\/main.go:12 \+0x[0-9a-f]+$/);
    expect(err.some((l) => /^(Read|Write|Previous read|Previous write) at 0x0000006[0-9a-f]{5} by (main goroutine|goroutine 7):$/.test(l))).toBe(true);
    expect(err.slice(-2)).toEqual(['Found 1 data race(s)', 'exit status 66']);
    expect(run.exitCode).toBe(66);
    expect(run.report[0].variable).toBe('total');
    expect(run.report[0].lines).toEqual([8, 8]);
  });

  it('stops a loop that never ends at the step limit, with a message', () => {
    const r = runProgram(main('\tfor {\n\t}', '"fmt"', '').replace('import ("fmt")', ''), { seed: 1, stepLimit: 500 });
    expect(r.stepLimitExceeded).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.steps).toBe(500);
    expect(r.transcript.at(-1)?.text).toMatch(/^model: stopped after 500 scheduling steps/);
  });

  it('detects a deadlock on a channel nobody sends on', () => {
    const r = runProgram(main('\tch := make(chan int)\n\tfmt.Println(<-ch)'), { seed: 1 });
    expect(r.deadlock?.goroutines).toEqual([{ goroutine: 1, state: 'chan receive', stack: [expect.objectContaining({ func: 'main.main', line: 7 })] }]);
    expect(r.exitCode).toBe(2);
  });

  it.each([
    ['\tvar m map[string]int\n\tm["a"] = 1', 'panic: assignment to entry in nil map'],
    ['\tvar mu sync.Mutex\n\tmu.Unlock()', 'fatal error: sync: unlock of unlocked mutex'],
    ['\tvar wg sync.WaitGroup\n\twg.Done()', 'panic: sync: negative WaitGroup counter'],
    ['\tch := make(chan int, 1)\n\tclose(ch)\n\tclose(ch)', 'panic: close of closed channel'],
  ])('turns Go run-time failures into panics: %#', (body, message) => {
    const r = runProgram(main(body, '"sync"').replace('"sync"', body.includes('sync.') ? '"sync"' : ''), { seed: 1 });
    expect(r.panic).toBe(message);
    expect(r.exitCode).toBe(2);
    expect(r.transcript.map((l) => l.text)).toContain('goroutine 1 [running]:');
  });

  it('passes a mutex by value as Go does: the function locks its own copy, which guards nothing, and go vet would say so', () => {
    const body = '\tvar mu sync.Mutex\n\tvar wg sync.WaitGroup\n\twg.Add(2)\n\tgo bump(mu, &wg)\n\tgo bump(mu, &wg)\n\twg.Wait()';
    const r = runProgram(main(body, '"sync"', '\nvar n int\n\nfunc bump(m sync.Mutex, wg *sync.WaitGroup) {\n\tdefer wg.Done()\n\tm.Lock()\n\tn++\n\tm.Unlock()\n}\n'), { seed: 1 });
    expect(r.runtimeError).toBeUndefined();
    expect(r.report.map((x) => x.variable)).toEqual(['n']);
    expect(r.warnings).toEqual([18, 19].map((line) => ({ line, message: 'call of bump copies lock value: sync.Mutex' })));
  });

  it('a WaitGroup passed by value is counted down in the copy: Wait never returns', () => {
    const body = '\tvar wg sync.WaitGroup\n\twg.Add(1)\n\tgo done(wg)\n\twg.Wait()';
    const r = runProgram(main(body, '"sync"', '\nfunc done(wg sync.WaitGroup) {\n\twg.Done()\n}\n'), { seed: 1 });
    expect(r.deadlock?.goroutines.map((g) => g.state)).toEqual(['sync.WaitGroup.Wait']);
  });

  it('names an undefined variable with its line', () => {
    const r = runProgram(main('\tfmt.Println(y)'), { seed: 1 });
    expect(r.runtimeError).toBe('line 6, column 14: undefined: y');
  });

  it('never reads the wall clock: a long Sleep costs no real time and keeps its order', () => {
    const r = runProgram(main('\tgo func() {\n\t\ttime.Sleep(time.Second)\n\t\tfmt.Println("late")\n\t}()\n\tfmt.Println("early")\n\ttime.Sleep(2 * time.Second)', '"fmt"; "time"'), { seed: 1 });
    expect(r.output).toEqual(['early', 'late']);
  });
});

describe('runSeeds', () => {
  it('summarises how many schedules were racy', () => {
    const src = main('\tx := 0\n\tgo func() {\n\t\tx = 1\n\t}()\n\tif x == 0 {\n\t\tfmt.Println("maybe")\n\t}');
    const s = runSeeds(src, { runs: 30 });
    expect(s.summary).toBe(`racy under ${s.racySeeds.length} of 30 schedules`);
    expect(s.racySeeds.length).toBeGreaterThan(0);
    expect(s.racySeeds.length).toBeLessThan(30);
  });
});

describe('a parsed program serves every seed of a sweep', () => {
  const deepFreeze = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  };
  const dirs = ['labs/week-3/02-race-detector/starter', 'labs/week-3/02-race-detector/solution'];
  const sources = dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.go')).map((f) => ({ path: `${dir}/${f}`, source: readFileSync(join(dir, f), 'utf8') })));

  it('the interpreter never changes the syntax tree: each lab program runs frozen, with the results of a fresh parse', () => {
    expect(sources.length).toBeGreaterThan(8);
    for (const { path, source } of sources) {
      const parsed = parseSource(source);
      deepFreeze(parsed);
      for (let seed = 1; seed <= 4; seed++) {
        expect(runProgram(source, { seed, stepLimit: 200_000 }, parsed), `${path}, seed ${seed}`).toEqual(runProgram(source, { seed, stepLimit: 200_000 }));
      }
    }
  });
});
