/**
 * Step 4: decimation to maxDataPoints, as a panel about that many pixels wide would
 * draw. Largest-Triangle-Three-Buckets keeps a line's visual shape. Never mutates.
 */
import type { DataFrame, Field } from '@grafana/data';

/**
 * Largest-Triangle-Three-Buckets: picks `threshold` indices that keep a line's visual
 * shape (peaks survive, unlike every-nth sampling). Always keeps the first and last
 * point. A bucket that is mostly nulls keeps a null, so gaps in the data stay visible.
 */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<unknown>, threshold: number): number[] {
  const n = xs.length;
  if (threshold >= n || threshold < 3) return Array.from({ length: n }, (_, i) => i);
  const out = [0];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const avgStart = Math.floor((i + 1) * every) + 1;
    const avgEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    let count = 0;
    for (let j = avgStart; j < avgEnd; j++) {
      const y = ys[j];
      if (typeof y === 'number' && Number.isFinite(y)) {
        avgX += xs[j];
        avgY += y;
        count++;
      }
    }
    const ya = ys[a];
    if (count > 0) {
      avgX /= count;
      avgY /= count;
    } else {
      avgX = xs[Math.min(avgStart, n - 1)];
      avgY = typeof ya === 'number' && Number.isFinite(ya) ? ya : 0;
    }
    const ax = xs[a];
    const ay = typeof ya === 'number' && Number.isFinite(ya) ? ya : avgY;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    let best = -1;
    let bestArea = -1;
    let firstNull = -1;
    let nulls = 0;
    for (let j = start; j < end; j++) {
      const y = ys[j];
      if (typeof y !== 'number' || !Number.isFinite(y)) {
        if (firstNull < 0) firstNull = j;
        nulls++;
        continue;
      }
      const area = Math.abs((ax - avgX) * (y - ay) - (ax - xs[j]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    if (best < 0 || (nulls > 0 && nulls * 2 >= end - start)) best = firstNull >= 0 ? firstNull : start;
    out.push(best);
    a = best;
  }
  out.push(n - 1);
  return out;
}

/**
 * Downsamples a time series frame (time field first, then number fields) so no series
 * has more than `maxPoints` points. Each series picks its own points, so a frame with
 * several series becomes one frame per series; the panel joins them on time again.
 */
export function downsampleFrame(frame: DataFrame, maxPoints: number): DataFrame[] {
  const [time, ...values] = frame.fields;
  if (!time || frame.length <= maxPoints || maxPoints < 3) return [frame];
  const xs = time.values as number[];
  return values.map((field) => {
    const idx = lttbIndices(xs, field.values, maxPoints);
    return { ...frame, fields: [pick(time, idx), pick(field, idx)], length: idx.length };
  });
}

function pick(field: Field, indices: readonly number[]): Field {
  return { ...field, values: indices.map((i) => field.values[i]) };
}
