/**
 * Every lab kind, loaded on demand (a kind's code, its parsers and simulators stay out
 * of the lab page's first load). One line per kind; see docs/decisions/0003-lab-kinds.md.
 */
import type { LabKind, LabKindId } from './types';

/** A kind's module, loaded when a lab of that kind opens. */
export const KINDS: Partial<Record<LabKindId, () => Promise<LabKind>>> = {
  handler: () => import('./handler').then((m) => m.default as unknown as LabKind),
  artifact: () => import('./artifact').then((m) => m.default as unknown as LabKind),
  operate: () => import('./operate').then((m) => m.default as unknown as LabKind),
};

/** Loads a kind; rejects with a message naming it when this build does not have it. */
export async function loadKind(id: LabKindId): Promise<LabKind> {
  const load = KINDS[id];
  if (!load) throw new Error(`This build has no lab kind "${id}". Known kinds: ${Object.keys(KINDS).join(', ')}.`);
  return load();
}
