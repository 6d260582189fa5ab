/**
 * Check helpers on top of the checker: a lab check asserts that a handler's frames
 * follow a data-plane type, and the failure message quotes the checker's own words,
 * the same ones the Data tab shows next to each frame.
 */
import { expect } from '../checks/assert';
import { describeViolation } from './format';
import { allViolations, inspectFrames } from './inspect';
import type { DataplaneType, ResponseReport, RuleId, Violation } from './types';

export interface ExpectDataplaneOptions {
  /** Only these rules fail the check; default: every rule. */
  rules?: readonly RuleId[];
  /** Which frames these are, after "the frames": e.g. "for format 'wide'". Default: nothing. */
  context?: string;
}

/** Problems shown in one failure message; the Data tab lists them all. */
const SHOWN = 3;

/**
 * Fails the check unless every frame declares `type` in meta.type and the checker finds
 * nothing wrong. Returns the report for further assertions.
 */
export function expectDataplane(frames: readonly unknown[], type: DataplaneType, options: ExpectDataplaneOptions = {}): ResponseReport {
  const what = options.context ? `the frames ${options.context}` : 'the frames';
  expect(frames.length > 0, `${what} to be at least one ${type} frame`, 'no frames came back');
  const report = inspectFrames(frames);
  const problems = allViolations(report).filter((v) => !options.rules || options.rules.includes(v.rule));
  const wrong = report.frames.find((f) => f.declared !== type);
  expect(!wrong, `every frame to declare meta.type '${type}' (${what})`, () => {
    const declared = wrong!.declared === undefined ? `frame ${wrong!.index} has no meta.type` : `frame ${wrong!.index} declares '${wrong!.declared}'`;
    const others = problems.filter((v) => v.rule !== 'type-missing');
    return others.length > 0 ? `${declared}, and the data-plane checker also found ${list(others)}` : declared;
  });
  expect(problems.length === 0, `${what} to follow the ${type} contract`, () => `the data-plane checker found ${list(problems)}`);
  return report;
}

function list(problems: readonly Violation[]): string {
  const shown = problems.slice(0, SHOWN).map(describeViolation).join(' ');
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return `${count}: ${shown}${problems.length > SHOWN ? ' (see the Data tab for the rest)' : ''}`;
}
