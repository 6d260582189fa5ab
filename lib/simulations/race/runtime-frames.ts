/**
 * The Go runtime frames a race report shows on top of the program's own frames when
 * the access happened inside the runtime (map operations, sync/atomic). Go prints
 * them with the function's entry line and `+0x0`.
 *
 * Lines for mapassign_faststr (map_faststr.go:203), mapaccess1_faststr
 * (map_faststr.go:13), mapiterinit (map.go:816) and mapiternext (map.go:862) are as
 * published race reports from Go 1.22-era linux/amd64 toolchains show them; the
 * others are placeholders of the same form. They differ between Go releases.
 */
import type { StackFrame } from './report-types';

const GOROOT = '/usr/local/go/src';

const MAP_FRAMES: Record<string, [string, number]> = {
  mapassign_faststr: ['runtime/map_faststr.go', 203],
  mapaccess1_faststr: ['runtime/map_faststr.go', 13],
  mapaccess2_faststr: ['runtime/map_faststr.go', 108],
  mapdelete_faststr: ['runtime/map_faststr.go', 301],
  mapassign_fast64: ['runtime/map_fast64.go', 113],
  mapaccess1_fast64: ['runtime/map_fast64.go', 13],
  mapaccess2_fast64: ['runtime/map_fast64.go', 53],
  mapdelete_fast64: ['runtime/map_fast64.go', 210],
  mapassign: ['runtime/map.go', 578],
  mapaccess1: ['runtime/map.go', 396],
  mapaccess2: ['runtime/map.go', 457],
  mapdelete: ['runtime/map.go', 696],
  mapiterinit: ['runtime/map.go', 816],
  mapiternext: ['runtime/map.go', 862],
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
