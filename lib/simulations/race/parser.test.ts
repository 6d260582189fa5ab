import { describe, expect, it } from 'vitest';
import { parseProgram } from './parser';

const wrap = (body: string, imports = '') => `package main\n${imports}\nfunc main() {\n${body}\n}\n`;

describe('parseProgram', () => {
  it('names function literals and go wrappers the way the Go compiler does', () => {
    const p = parseProgram(`package main

func worker(n int) {
	go func() {
		go func() {}()
	}()
}

func main() {
	go func() {}()
	go worker(1)
	f := func() {}
	f()
}
`);
    const main = p.funcs.get('main')!.body.stmts;
    expect(main[0].kind === 'go' && main[0].call.fn.kind === 'funcLit' && main[0].call.fn.func.name).toBe('main.main.func1');
    expect(main[0].kind === 'go' && main[0].wrapper).toBeUndefined();
    expect(main[1].kind === 'go' && main[1].wrapper).toBe('main.main.gowrap1');
    expect(main[2].kind === 'assign' && main[2].values[0].kind === 'funcLit' && main[2].values[0].func.name).toBe('main.main.func2');
    const outer = p.funcs.get('worker')!.body.stmts[0];
    const inner = outer.kind === 'go' && outer.call.fn.kind === 'funcLit' ? outer.call.fn.func : undefined;
    expect(inner?.name).toBe('main.worker.func1');
    const nested = inner!.body.stmts[0];
    expect(nested.kind === 'go' && nested.call.fn.kind === 'funcLit' && nested.call.fn.func.name).toBe('main.worker.func1.1');
  });

  it('parses the whole subset: globals, maps, channels, range, if/else, defer, atomics', () => {
    const p = parseProgram(`package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

const N = 3

var (
	mu    sync.RWMutex
	hits  atomic.Int64
	total int64
)

func get(m map[string]int, k string) int {
	mu.RLock()
	defer mu.RUnlock()
	if v, ok := m[k]; ok {
		return v
	} else if k == "" {
		return -1
	}
	return 0
}

func main() {
	m := map[string]int{"a": 1, "b": 2}
	ch := make(chan int, 1)
	done := make(chan bool)
	var wg sync.WaitGroup
	for i := 0; i < N; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			atomic.AddInt64(&total, int64Of(n))
		}(i)
	}
	go func() { ch <- get(m, "a"); close(done) }()
	v := <-ch
	<-done
	for k, x := range m {
		fmt.Println(k, x)
	}
	for range 2 {
		hits.Add(1)
	}
	time.Sleep(10 * time.Millisecond)
	wg.Wait()
	fmt.Printf("%d %d\\n", v, hits.Load())
}

func int64Of(n int) int {
	return n
}
`);
    expect([...p.funcs.keys()]).toEqual(['get', 'main', 'int64Of']);
    expect(p.globals.map((g) => g.names.join())).toEqual(['N', 'mu', 'hits', 'total']);
  });

  it.each([
    [wrap('\tgo func()\n\t{\n\t}()'), "line 4, column 11: expected '{' after func(), found newline"],
    [wrap('\tselect {}'), "line 4, column 2: 'select' statements are not supported by this model: use a plain channel receive"],
    [wrap('\tswitch x {}'), "line 4, column 2: 'switch' statements are not supported by this model: use if / else if"],
    [wrap('\ts := []int{1}'), 'line 4, column 7: slices and arrays are not supported by this model: use a map or separate variables'],
    [wrap('\tx := 1\n\tp := &x\n\t*p = 2'), 'line 6, column 2: pointer dereference (*p) is not supported by this model: share variables directly or through closures'],
    ['package main\n\nimport "os"\n\nfunc main() {}\n', 'line 3, column 8: import "os" is not supported by this model: it knows fmt, sync, sync/atomic and time'],
    ['package main\n\nimport "sync"\n\nfunc main() {}\n', 'line 3, column 8: "sync" imported and not used: remove the import or use it'],
    ['package main\n\ntype T struct{}\n\nfunc main() {}\n', 'line 3, column 1: type declarations are not supported by this model: use separate variables'],
    ['package main\n\nfunc helper() {}\n', 'line 4, column 1: function main is undeclared in the main package: add func main() { ... }'],
    [wrap('\tx := 1\n\tx'), 'line 5, column 2: this expression is evaluated but not used: a statement must call a function, assign, send or receive'],
    [wrap('\tif x := 1 {\n\t}'), "line 4, column 5: expected a condition after if (an init statement needs a ';' after it)"],
    [wrap('\tfor i := 0; i < 3; i++\n\t{\n\t}'), "line 4, column 24: expected '{' after the for clause, found newline"],
    ['package lib\n', 'line 1, column 9: the program must be package main, not package lib'],
    [wrap('\tvar mu sync.Cond', '\nimport "sync"'), 'line 5, column 9: the type sync.Cond is not supported by this model: the model knows sync.Mutex, sync.RWMutex, sync.WaitGroup, atomic.Int64 and atomic.Int32'],
  ])('reports %#: with line and column', (src, message) => {
    expect(() => parseProgram(src)).toThrow(message);
  });
});
