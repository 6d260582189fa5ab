/**
 * The happens-before edges, one program each: the racy variant must be flagged under
 * some schedule and the synchronised one under none.
 */
import { describe, expect, it } from 'vitest';
import { Detector } from './detector';
import { runSeeds } from './lab';
import { Location } from './values';
import { happensBefore, VectorClock } from './vector-clock';

const prog = (body: string, imports = '"fmt"') => `package main

import (${imports})

var x int

func main() {
${body}
	fmt.Println("x:", x)
}
`;

const racy = (src: string) => runSeeds(src, { runs: 12 }).racySeeds.length;

describe('vector clocks', () => {
  it('an epoch happens before a clock that joined it, not one that did not', () => {
    const a = new VectorClock();
    a.tick(0);
    const b = new VectorClock();
    b.tick(1);
    expect(happensBefore(0, a.get(0), b)).toBe(false);
    b.join(a);
    expect(happensBefore(0, a.get(0), b)).toBe(true);
    a.tick(0);
    expect(happensBefore(0, a.get(0), b)).toBe(false);
  });

  it('the detector reports a write/write pair once per location, and never two reads', () => {
    const d = new Detector();
    const loc = new Location(1, 'x', 3, true);
    const g = (index: number) => ({ index, gid: index + 5, clock: (() => { const c = new VectorClock(); c.tick(index); return c; })(), done: false });
    const [g1, g2] = [g(1), g(2)];
    const stack = (line: number) => ({ frames: [{ func: 'main.main.func1', line }] });
    expect(d.access(loc, 'read', false, g1, stack(10), 1)).toBeUndefined();
    expect(d.access(loc, 'read', false, g2, stack(11), 2)).toBeUndefined();
    const r = d.access(loc, 'write', false, g2, stack(12), 3);
    expect(r?.lines).toEqual([12, 10]);
    expect(r?.previous.op).toBe('read');
    expect(d.access(loc, 'write', false, g1, stack(13), 4)).toBeUndefined();
    expect(d.reports).toHaveLength(1);
  });
});

describe('happens-before edges', () => {
  it('go statement: what the parent did before go happens before the child', () => {
    expect(racy(prog('\tx = 1\n\tdone := make(chan bool)\n\tgo func() {\n\t\tx++\n\t\tdone <- true\n\t}()\n\t<-done'))).toBe(0);
  });

  it('time.Sleep is not synchronisation: flagged under every schedule even though the output is right', () => {
    const src = prog('\tgo func() {\n\t\tx = 1\n\t}()\n\ttime.Sleep(100 * time.Millisecond)', '"fmt"; "time"');
    const sweep = runSeeds(src, { runs: 12 });
    expect(sweep.racySeeds).toHaveLength(12);
    expect(sweep.outputs.map((o) => o.output)).toEqual(['x: 1']);
  });

  it('unbuffered channel: the receive happens before the send completes; a buffered one does not give that', () => {
    const body = (cap: string) => `\tch := make(chan bool${cap})\n\tgo func() {\n\t\tx = 1\n\t\t<-ch\n\t}()\n\tch <- true\n\tx = 2\n\ttime.Sleep(time.Millisecond)`;
    expect(racy(prog(body(''), '"fmt"; "time"'))).toBe(0);
    expect(racy(prog(body(', 1'), '"fmt"; "time"'))).toBeGreaterThan(0);
  });

  it('buffered channel of capacity C: receive k happens before send k+C completes', () => {
    const src = prog('\tsem := make(chan bool, 1)\n\tsem <- true\n\tdone := make(chan bool)\n\tgo func() {\n\t\tx = 1\n\t\t<-sem\n\t\tdone <- true\n\t}()\n\tsem <- true\n\tx = 2\n\t<-done', '"fmt"');
    expect(racy(src)).toBe(0);
  });

  it('close happens before a receive that sees the channel closed', () => {
    expect(racy(prog('\tdone := make(chan bool)\n\tgo func() {\n\t\tx = 1\n\t\tclose(done)\n\t}()\n\t_, ok := <-done\n\tfmt.Println(ok)'))).toBe(0);
  });

  it('WaitGroup: Done happens before Wait returns; reading before Wait races', () => {
    const body = (wait: string) => `\tvar wg sync.WaitGroup\n\twg.Add(1)\n\tgo func() {\n\t\tdefer wg.Done()\n\t\tx = 1\n\t}()\n${wait}`;
    expect(racy(prog(body('\twg.Wait()'), '"fmt"; "sync"'))).toBe(0);
    expect(racy(prog(body('\tfmt.Println(x)\n\twg.Wait()'), '"fmt"; "sync"'))).toBeGreaterThan(0);
  });

  it('RWMutex: readers under RLock do not race each other; a writer under Lock is ordered with them', () => {
    const src = `package main

import (
	"fmt"
	"sync"
)

var (
	mu sync.RWMutex
	x  int
)

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			mu.RLock()
			_ = x + 1
			mu.RUnlock()
		}()
		go func() {
			defer wg.Done()
			mu.Lock()
			x++
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(x)
}
`;
    const sweep = runSeeds(src, { runs: 20 });
    expect(sweep.racySeeds).toEqual([]);
    expect(sweep.outputs.map((o) => o.output)).toEqual(['3']);
    expect(racy(src.replace('mu.RLock()', '').replace('mu.RUnlock()', ''))).toBeGreaterThan(0);
  });

  it('atomics synchronise with each other, but an atomic write and a plain read race', () => {
    const body = (read: string) => `\tvar n int64\n\tvar wg sync.WaitGroup\n\twg.Add(1)\n\tgo func() {\n\t\tdefer wg.Done()\n\t\tatomic.AddInt64(&n, 1)\n\t}()\n\tfmt.Println(${read})\n\twg.Wait()`;
    expect(racy(prog(body('atomic.LoadInt64(&n) >= 0'), '"fmt"; "sync"; "sync/atomic"'))).toBe(0);
    const sweep = runSeeds(prog(body('n >= 0'), '"fmt"; "sync"; "sync/atomic"'), { runs: 12 });
    expect(sweep.racySeeds.length).toBeGreaterThan(0);
  });

  it('a mutex unlocked by one goroutine and locked by another orders their accesses', () => {
    const src = prog('\tvar mu sync.Mutex\n\tdone := make(chan bool)\n\tgo func() {\n\t\tmu.Lock()\n\t\tx++\n\t\tmu.Unlock()\n\t\tdone <- true\n\t}()\n\tmu.Lock()\n\tx++\n\tmu.Unlock()\n\t<-done', '"fmt"; "sync"');
    const sweep = runSeeds(src, { runs: 20 });
    expect(sweep.racySeeds).toEqual([]);
    expect(sweep.outputs.map((o) => o.output)).toEqual(['x: 2']);
  });
});
