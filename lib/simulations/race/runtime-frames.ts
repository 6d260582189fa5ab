/**
 * The Go runtime frames a race report shows on top of the program's own frames when
 * the access happened inside the runtime (map operations, sync/atomic). Go prints
 * them with the function's entry line and `+0x0`.
 *
 * The map functions' lines are where each is declared in Go 1.19.8's runtime, the
 * release the lab's recorded runs come from (content/race/recorded.json: the real
 * reports show mapassign_faststr at map_faststr.go:203 and mapiterinit at map.go:815).
 * Other releases move them. The atomic frame's line is a placeholder of the same form.
 */
import type { StackFrame } from './report-types';

const GOROOT = '/usr/local/go/src';

const MAP_FRAMES: Record<string, [string, number]> = {
  mapassign_faststr: ['runtime/map_faststr.go', 203],
  mapaccess1_faststr: ['runtime/map_faststr.go', 13],
  mapaccess2_faststr: ['runtime/map_faststr.go', 108],
  mapdelete_faststr: ['runtime/map_faststr.go', 301],
  mapassign_fast64: ['runtime/map_fast64.go', 93],
  mapaccess1_fast64: ['runtime/map_fast64.go', 13],
  mapaccess2_fast64: ['runtime/map_fast64.go', 53],
  mapdelete_fast64: ['runtime/map_fast64.go', 273],
  mapassign: ['runtime/map.go', 578],
  mapaccess1: ['runtime/map.go', 395],
  mapaccess2: ['runtime/map.go', 456],
  mapdelete: ['runtime/map.go', 695],
  mapiterinit: ['runtime/map.go', 815],
  mapiternext: ['runtime/map.go', 866],
};

/** The runtime frame of a map operation; `op` is e.g. `mapassign`, `mapiterinit`, keyed by the map's key type. */
export function mapFrame(op: 'mapassign' | 'mapaccess1' | 'mapaccess2' | 'mapdelete' | 'mapiterinit' | 'mapiternext', key: string): StackFrame {
  const suffix = op.startsWith('mapiter') ? '' : key === 'string' ? '_faststr' : key === 'int64' || key === 'int' ? '_fast64' : '';
  const name = `${op}${suffix}`;
  const [file, line] = MAP_FRAMES[name] ?? MAP_FRAMES[op];
  return { func: `runtime.${name}`, file: `${GOROOT}/${file}`, line, offset: '+0x0' };
}

/** The frame of a sync/atomic function or atomic.Int64 method (implemented in assembly under -race). */
export function atomicFrame(name: string): StackFrame {
  return { func: name.startsWith('sync/atomic.') ? name : `sync/atomic.${name}`, file: `${GOROOT}/runtime/race_amd64.s`, line: 289, offset: '+0xb' };
}
