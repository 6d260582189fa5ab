/**
 * Big results cross from the sandbox without a slow copy. Structured clone copies a
 * JavaScript array element by element on both sides (about half a second for a
 * million-point result, much of it on the page's main thread). A Float64Array's
 * buffer is *transferred* instead: handed over, not copied. So before posting, the
 * worker turns long all-number value columns of frames into Float64Arrays, and the
 * host turns them back into plain arrays (a tight loop, tens of milliseconds for
 * millions of values) after validating the message.
 */

// Captured when the runtime loads, before learner code could replace them.
const F64 = Float64Array;
const isArray = Array.isArray;

/** Shorter columns are cheaper to clone than to convert twice. */
export const MIN_PACKED_LENGTH = 1024;

type Values = unknown[] | Float64Array;
interface WireFrameLike {
  data?: { values?: Values[] };
}

/** The frames of a queryData answer, if `value` looks like one; nothing otherwise. */
function framesOf(value: unknown): WireFrameLike[] {
  const responses = (value as { responses?: unknown } | null)?.responses;
  if (typeof responses !== 'object' || responses === null) return [];
  return Object.values(responses).flatMap((r) => {
    const frames = (r as { frames?: unknown } | null)?.frames;
    return isArray(frames) ? (frames as WireFrameLike[]) : [];
  });
}

function isAllNumbers(column: unknown[]): boolean {
  for (let i = 0; i < column.length; i++) if (typeof column[i] !== 'number') return false;
  return true;
}

/**
 * Worker side: replaces long all-number columns in `value` (a wire queryData answer
 * the worker owns) with Float64Arrays and returns their buffers for the transfer list.
 */
export function packFrameValues(value: unknown): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const frame of framesOf(value)) {
    const columns = frame?.data?.values;
    if (!isArray(columns)) continue;
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c];
      if (!isArray(column) || column.length < MIN_PACKED_LENGTH || !isAllNumbers(column)) continue;
      const packed = new F64(column.length);
      for (let i = 0; i < column.length; i++) packed[i] = column[i] as number;
      columns[c] = packed;
      buffers.push(packed.buffer);
    }
  }
  return buffers;
}

/**
 * Plain arrays this module made from packed columns: numbers only, by construction. A walk
 * over a record that looks for text (the page's secret masking, lib/view/mask.ts) skips
 * them instead of reading a million numbers one by one.
 */
const numberColumns = new WeakSet<object>();

/** True for a value column `unpackFrameValues` made: a plain array that holds numbers only. */
export function isNumberColumn(value: unknown): boolean {
  return typeof value === 'object' && value !== null && numberColumns.has(value);
}

function unpackColumn(column: Float64Array): number[] {
  const plain = new Array<number>(column.length);
  for (let i = 0; i < column.length; i++) plain[i] = column[i];
  numberColumns.add(plain);
  return plain;
}

/** Each packed column of `value`, as its column list and index there, in frame order. */
function* packedColumns(value: unknown): Generator<[columns: Values[], index: number, packed: Float64Array]> {
  for (const frame of framesOf(value)) {
    const columns = frame?.data?.values;
    if (!isArray(columns)) continue;
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c];
      if (column instanceof F64) yield [columns, c, column];
    }
  }
}

/** Host side: turns packed columns back into plain arrays, in place. */
export function unpackFrameValues(value: unknown): void {
  for (const [columns, c, packed] of packedColumns(value)) columns[c] = unpackColumn(packed);
}

/** Values unpacked between two yields to the event loop by `unpackFrameValuesInSlices`. */
export const UNPACK_SLICE_VALUES = 250_000;

/**
 * `unpackFrameValues` for the page's main thread: it lets the event loop run (`yieldNow`)
 * each time it has unpacked about `UNPACK_SLICE_VALUES` values, so a million-point answer
 * is not one long task (about 2M values: 110–150 ms at once, measured on a quiet 2-core
 * machine). An answer without a packed column costs no yield.
 */
export async function unpackFrameValuesInSlices(value: unknown, yieldNow: () => Promise<void>): Promise<void> {
  let sinceYield = 0;
  for (const [columns, c, packed] of packedColumns(value)) {
    if (sinceYield >= UNPACK_SLICE_VALUES) {
      await yieldNow();
      sinceYield = 0;
    }
    columns[c] = unpackColumn(packed);
    sinceYield += packed.length;
  }
}

/** zod refinement for a value column: a plain array, or a packed one from the worker. */
export function isValueColumn(column: unknown): column is unknown[] | Float64Array {
  return isArray(column) || column instanceof F64;
}
