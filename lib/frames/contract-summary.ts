/**
 * What the Data tab says about each frame's data-plane contract: the checker's report
 * (lib/dataplane) turned into a headline and a list. Pure, so it is tested in Node; the
 * component in frame-contract.tsx only lays it out.
 */
import { inspectFrames, type FrameReport, type ResponseReport, type Violation } from '@/lib/dataplane';
import { DECODED_FRAME_LIMIT, withFirstFields } from './decode';
import type { QueryResultView } from './types';

/**
 * One report per refId, from the frames exactly as the handler sent them (wire JSON,
 * not the decoded DataFrames, which pad short fields and would hide length mistakes).
 * Only the first `limit` frames over all refIds are checked, the ones the Data tab can
 * show (checking 6,000 tiny frames took most of a second), each with the fields that
 * are decoded (DECODED_FIELD_LIMIT); a refId past them has no report.
 */
export function inspectResults(results: readonly QueryResultView[], limit = DECODED_FRAME_LIMIT): Map<string, ResponseReport> {
  const reports = new Map<string, ResponseReport>();
  let left = limit;
  for (const r of results) {
    if (left <= 0) break;
    const frames = (Array.isArray(r.frames) ? r.frames : []).slice(0, left).map((f) => withFirstFields(f));
    left -= Math.max(1, frames.length);
    reports.set(r.refId, inspectFrames(frames));
  }
  return reports;
}

/** How a frame stands against the contract. */
export type ContractStatus = 'ok' | 'problems' | 'unchecked';

export interface ContractSummary {
  status: ContractStatus;
  /** The type the frame was checked as, or what it declares when unchecked, or "no data-plane type". */
  type: string;
  /** Where the type came from, in a few words. */
  source: string;
  /** The problems, errors first, in the checker's words. */
  violations: Violation[];
}

const SOURCE_TEXT: Record<FrameReport['source'], string> = {
  declared: 'declared in meta.type',
  inferred: 'read from the frame’s shape: meta.type is not set',
  unchecked: 'declared in meta.type; this checker does not know its rules',
  none: 'matches none of the six layouts',
};

export function summarizeContract(report: FrameReport | undefined): ContractSummary | undefined {
  if (!report) return undefined;
  const violations = [...report.violations].sort((a, b) => rank(a) - rank(b));
  const type = report.type ?? report.declared ?? 'no data-plane type';
  const source = report.source === 'none' && report.declared ? 'not a data-plane type' : SOURCE_TEXT[report.source];
  const status: ContractStatus = violations.length > 0 ? 'problems' : report.source === 'declared' ? 'ok' : 'unchecked';
  return { status, type, source, violations };
}

function rank(v: Violation): number {
  return v.severity === 'error' ? 0 : 1;
}
