import type { Cell } from '@/lib/kinds/artifact/pipeline/result';

/**
 * Good or bad from the repository's point of view, for a matrix cell's colour: a
 * defect released (or not even run on its pull request) is bad, a defect stopped is
 * good, the clean commit must pass and ship signed only on its tag.
 */
export function cellVerdict(cell: Cell, defect: string | null): 'good' | 'bad' | 'neutral' {
  if (cell.status === 'not-applicable' || cell.status === 'not-triggered') return defect && cell.event === 'pull_request' ? 'bad' : 'neutral';
  if (cell.exposedSecrets.length) return 'bad';
  if (cell.status === 'released') return defect || !cell.release?.signed || cell.event !== 'push_tag' ? 'bad' : 'good';
  if (cell.status === 'stopped') return defect ? 'good' : 'bad';
  return defect && cell.event === 'push_tag' ? 'neutral' : defect ? 'bad' : 'good';
}

