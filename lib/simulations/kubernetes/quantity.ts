/**
 * Kubernetes resource quantities ("250m", "0.5", "256Mi", "1G") as plain numbers:
 * CPU in cores, memory in bytes. Follows the suffixes of k8s.io/apimachinery's
 * resource.Quantity (binary Ki/Mi/Gi/Ti, decimal k/M/G/T, milli m, exponent e3);
 * returns undefined for text the API server would refuse.
 */
const SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|[mkMGT])|[eE]([+-]?\d+))?$/;

/** The quantity's value in base units (cores or bytes), or undefined when it is not a quantity. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  if (match[3] !== undefined) return n * 10 ** Number(match[3]);
  return n * SUFFIX[match[2] ?? ''];
}

export const MI = 1024 ** 2;

/** "192 Mi" for bytes; "250m" for cores. For messages and pictures. */
export function formatMi(bytes: number): string {
  return `${Math.round(bytes / MI)} Mi`;
}
export function formatCpu(cores: number): string {
  return `${Math.round(cores * 1000)}m`;
}
