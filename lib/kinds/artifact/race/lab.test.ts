/**
 * The Week 3 race lab beyond the labs conformance test (which runs the solution, the
 * alternative and every wrong/ variant): correct fixes written in other styles pass
 * every check, and the starter fails the checks of tasks 1 and 2 with messages that
 * name the lines and the schedules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckFailure } from '@/lib/checks/assert';
import checks from '@/labs/week-3/02-race-detector/checks';
import { labMetaSchema } from '@/lib/labs/schema';
import kind from '../index';
import { RACE_INDEX } from './programs';

const DIR = join(process.cwd(), 'labs/week-3/02-race-detector');
const meta = labMetaSchema.parse(JSON.parse(readFileSync(join(DIR, 'lab.json'), 'utf8')));
const starter = Object.fromEntries(meta.files.map((f) => [f.path, readFileSync(join(DIR, 'starter', f.path), 'utf8')]));
// The reference fixes as content/race/index.json names them (the lab's solution and alternative, and one more).
const fix = (name: string) => readFileSync(join(process.cwd(), RACE_INDEX.fixes.find((f) => f.id === name)!.file), 'utf8');

/** Each failing check's id and message. */
async function failures(files: Record<string, string>): Promise<Record<string, string>> {
  const ctx = kind.checkContext({ sandbox: undefined as never }, { id: 'week-3/race-detector', meta }, { ...starter, ...files }, new AbortController().signal);
  const out: Record<string, string> = {};
  for (const check of checks) {
    try {
      await check.run(ctx as never);
    } catch (err) {
      if (!(err instanceof CheckFailure)) throw err;
      out[check.id] = `${err.expected} | ${err.actual}`;
    }
  }
  return out;
}

const COUNTER_OWNER = `package main

import (
	"fmt"
	"sync"
)

var counter int

func main() {
	inc := make(chan int)
	done := make(chan bool)
	go func() {
		for n := range inc {
			counter += n
		}
		done <- true
	}()
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				inc <- 1
			}
		}()
	}
	wg.Wait()
	close(inc)
	<-done
	fmt.Println("counter:", counter)
}
`;

const COUNTER_ATOMIC_FUNCS = `package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

var counter int64

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				atomic.AddInt64(&counter, 1)
			}
		}()
	}
	wg.Wait()
	fmt.Println("counter:", atomic.LoadInt64(&counter))
}
`;

const MAP_WAIT_FIRST = starter['map-range.go'].replace('\ttotal := 0\n', '\twg.Wait()\n\ttotal := 0\n').replace('\t}\n\twg.Wait()\n\tfmt', '\t}\n\tfmt');
const MAP_MUTEX = `package main

import (
	"fmt"
	"sync"
)

func main() {
	scores := map[string]int{"ada": 3, "grace": 5}
	var mu sync.Mutex
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		mu.Lock()
		defer mu.Unlock()
		scores["linus"] = 4
	}()
	mu.Lock()
	total := 0
	for _, s := range scores {
		total += s
	}
	mu.Unlock()
	wg.Wait()
	fmt.Println("total:", total)
	fmt.Println("players:", len(scores))
}
`;

describe('week 3 race lab', () => {
  it.each([
    ['a shared mutex', fix('counter-mutex')],
    ['atomic.Int64', fix('counter-atomic')],
    ['atomic.AddInt64 on an int64', COUNTER_ATOMIC_FUNCS],
    ['one goroutine owning the counter, fed by a channel', COUNTER_OWNER],
  ])('the counter fixed with %s passes every check', async (_how, counter) => {
    expect(await failures({ 'counter.go': counter, 'map-range.go': fix('map-rwmutex') })).toEqual({});
  });

  it.each([
    ['an RWMutex', fix('map-rwmutex')],
    ['a private copy', fix('map-copy')],
    ['waiting for the writer before ranging', MAP_WAIT_FIRST],
    ['a plain Mutex with a deferred Unlock in the writer', MAP_MUTEX],
  ])('the map fixed with %s passes every check', async (_how, map) => {
    expect(MAP_WAIT_FIRST).not.toBe(starter['map-range.go']);
    expect(await failures({ 'counter.go': fix('counter-atomic'), 'map-range.go': map })).toEqual({});
  });

  it('the starter fails the checks of tasks 1 and 2, naming the lines and the schedules', async () => {
    const failed = await failures({});
    expect(Object.keys(failed).sort()).toEqual(['counter-race-free', 'counter-total', 'map-race-free']);
    expect(failed['counter-race-free']).toMatch(/under 50 of 50 schedules \(seeds 1, 2, 3…\): line 17 against line 17/);
    expect(failed['counter-total']).toMatch(/^"counter: 200" under every schedule \| under seeds? [\d, …]+ it printed "counter: \d+"$/);
    expect(failed['map-race-free']).toMatch(/line 17 against line 14|line 14 against line 17/);
  });
});
