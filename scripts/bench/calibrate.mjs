// CPU calibration for the bench: a fixed pure-JS workload timed in Node and in a page of
// the browser the bench drives. It divides no figure; it is printed so that two bench runs
// on different machines (ours are shared and differ 2-3x) can be put side by side: if the
// calibration took twice as long on machine B, B's figures are expected to be about twice
// A's too. It is deterministic (seeded), allocates little besides its one array, and does
// what the bench's figures do a lot of: property-free number crunching, sorting, string
// hashing. Run a few times; the median is reported.

/** Repetitions in each realm; the median counts (the first run also warms the JIT). */
const REPEATS = 5;

/**
 * The workload. Self-contained (no closure over module scope) because the page gets its
 * source text through `page.evaluate`. Sorts 300,000 seeded pseudo-random numbers and
 * hashes their text with FNV-1a; returns the time in ms and a checksum, so a differing
 * checksum shows the two realms did not do the same work.
 * @returns {{ ms: number, checksum: number }}
 */
export function calibrationWorkload() {
  const started = performance.now();
  let seed = 0x9e3779b9;
  const next = () => {
    // xorshift32: the same sequence in every engine.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const values = new Array(300_000);
  for (let i = 0; i < values.length; i++) values[i] = next();
  values.sort((a, b) => a - b);
  let hash = 0x811c9dc5;
  for (let i = 0; i < values.length; i += 3) {
    const text = values[i].toFixed(9);
    for (let j = 0; j < text.length; j++) hash = Math.imul(hash ^ text.charCodeAt(j), 0x01000193) >>> 0;
  }
  return { ms: performance.now() - started, checksum: hash };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (n) => Math.round(n * 10) / 10;

/**
 * Times the workload in this Node process and in a blank page of `browser`.
 * @param {import('@playwright/test').Browser} browser
 * @returns {Promise<{ nodeMs: number, pageMs: number, repeats: number }>} median ms of `repeats` runs in each
 * @throws when the two realms' checksums differ (the workload would not be the same)
 */
export async function calibrate(browser) {
  const node = Array.from({ length: REPEATS }, () => calibrationWorkload());
  const page = await browser.newPage();
  const inPage = [];
  try {
    for (let i = 0; i < REPEATS; i++) inPage.push(await page.evaluate(calibrationWorkload));
  } finally {
    await page.close();
  }
  if (inPage[0].checksum !== node[0].checksum) {
    throw new Error(`The calibration's checksum differs between Node (${node[0].checksum}) and the page (${inPage[0].checksum}).`);
  }
  return { nodeMs: round(median(node.map((r) => r.ms))), pageMs: round(median(inPage.map((r) => r.ms))), repeats: REPEATS };
}
