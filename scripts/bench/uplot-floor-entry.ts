/**
 * The big-output floor's page: uPlot (the chart library @grafana/ui's time series panel
 * draws with) given the bench's 10 series x 100,000 points as one ready aligned table,
 * the shape scripts/bench/big-handler.ts.txt answers with (shared timestamps, one sine
 * per series). `window.uplotFloor.draw()` times `new uPlot(...)` until the next frame
 * after it is painted (two rAFs), on a canvas about the Panel tab's size. No frames,
 * no transfer from a worker, no field config, no decimation: what drawing the points
 * costs by itself. Bundled by scripts/bench/floor-pages.mjs.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const SERIES = 10;
const POINTS = 100_000;
const WIDTH = 900;
const HEIGHT = 300;

/** Aligned data as uPlot takes it: [x, y1, ..., y10], x in seconds, like the handler's step. */
function buildData(): uPlot.AlignedData {
  const from = Date.UTC(2026, 0, 1) / 1000;
  const step = 3600 / POINTS; // an hour's range, as the lab's default request asks
  const xs = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) xs[i] = from + i * step;
  const ys: Float64Array[] = [];
  for (let s = 0; s < SERIES; s++) {
    const y = new Float64Array(POINTS);
    for (let i = 0; i < POINTS; i++) y[i] = 50 + 40 * Math.sin(i / 500 + s) + s;
    ys.push(y);
  }
  return [xs, ...ys] as unknown as uPlot.AlignedData;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

let plot: uPlot | null = null;

async function draw(): Promise<number> {
  plot?.destroy();
  const data = buildData(); // prepared before the clock starts: the frame is given
  const opts: uPlot.Options = {
    width: WIDTH,
    height: HEIGHT,
    series: [{}, ...Array.from({ length: SERIES }, (_, s) => ({ label: `series-${s}`, stroke: `hsl(${s * 36}, 70%, 60%)` }))],
  };
  await frame();
  const started = performance.now();
  plot = new uPlot(opts, data, document.getElementById('plot')!);
  await frame();
  return performance.now() - started;
}

(window as unknown as { uplotFloor: { draw: typeof draw } }).uplotFloor = { draw };
document.title = 'uplot floor ready';
