/**
 * The rollback drill: a small fleet of Grafana instances with the plugin, on virtual
 * minutes, rolling out v1.4.0 by release.yaml's waves and rolling it back by its
 * rollback plan. Two drills: one where v1.4.0 carries a bug, one where it is fine.
 *
 * What is simulated and what is a model (the drill says so to the learner too):
 * - The fleet, its error ratios and the bug are a seeded model: 20 instances, each with
 *   its own baseline query error ratio (0.4–1.4%) and per-minute noise (±0.3%); the
 *   bad v1.4.0 adds 8–20 points on every instance that runs it, and v1.4.0-rc.1 carries
 *   the same bug (it only ever ran on staging). Instance grafana-01, always in the first
 *   wave, has an upstream outage unrelated to the plugin: 22 points more for minutes
 *   4–7 in both drills, so an alert that fires on a short blip rolls back a good release.
 * - The rollout and the rollback follow release.yaml: wave k takes the first
 *   ceil(waves[k] % × 20) instances; the next wave starts when the wave's installs are
 *   done plus bake-minutes; the alert compares the mean error ratio of the instances on
 *   v1.4.0 with `error-ratio-above` each minute and fires after `for-minutes`
 *   consecutive breaches; then the rollout stops, installs still pending are cancelled,
 *   and every instance on v1.4.0 installs the `to` version. An install (download, the
 *   signature check, restarting the plugin) takes 1–3 minutes per instance (seeded);
 *   an instance serves its old version until the new one is in place.
 * - "latest" moves to v1.4.0 only after the last wave has baked: new instances follow it.
 * Deterministic: the same seed and release.yaml always give the same drill.
 */
import { hashUnit } from '../../../random';
import type { ReleaseConfig } from './config';
import { SEMVER } from './config';

export const FLEET_SIZE = 20;
export const DRILL_MINUTES = 180;
const SPIKE = { instance: 0, from: 4, to: 8, extra: 0.22 };

/** The channel the drill starts from: what exists before v1.4.0, newest last. */
export const DRILL_HISTORY = [
  { version: '1.2.0', prerelease: false, buggy: false },
  { version: '1.3.0', prerelease: false, buggy: false },
  { version: '1.4.0-rc.1', prerelease: true, buggy: true },
];

export type InstanceState = 'old' | 'installing' | 'new' | 'rolling-back' | 'rolled-back';

export interface Segment {
  from: number;
  to: number;
  state: InstanceState;
  /** The version it serves during the segment. */
  version: string;
  /** Whether that version carries the bug in this drill. */
  buggy: boolean;
}

export interface DrillInstance {
  name: string;
  wave: number | null;
  segments: Segment[];
  /** Whether it ever served a buggy version. */
  ranBug: boolean;
  /** Its version at the end of the drill. */
  finalVersion: string;
}

export interface DrillOutcome {
  /** Minute the alert fired, or null. */
  alertAt: number | null;
  rolledBack: boolean;
  /** The version the rollback installed (resolved from `to`), or null when none happened. */
  target: string | null;
  /** Why the target could not be used, when it could not. */
  targetProblem: string | null;
  targetHasBug: boolean;
  /** First minute an instance served a buggy version. */
  firstBadAt: number | null;
  /** First minute from which no instance serves a buggy version any more (null: never, within the drill). */
  restoredAt: number | null;
  /** restoredAt − firstBadAt, minutes. */
  minutesToRestore: number | null;
  /** Instances that ever served a buggy version. */
  badInstances: number;
  /** Instances the first wave takes. */
  firstWaveSize: number;
  /** Minute the last wave finished installing (good drill), or null. */
  completedAt: number | null;
  /** Where "latest" points at the end. */
  latest: string;
}

export interface Drill {
  id: 'bad-release' | 'good-release';
  title: string;
  model: string;
  duration: number;
  instances: DrillInstance[];
  waves: { percent: number; size: number; startedAt: number | null }[];
  /** release.yaml's alert: the error ratio it fires above, and for how many minutes in a row. */
  alert: { threshold: number; forMinutes: number };
  /** Per minute: the alert's input (mean error ratio of instances on v1.4.0), null when none runs it. */
  alertInput: (number | null)[];
  /** Per minute: the mean error ratio of the whole fleet. */
  fleetRatio: number[];
  marks: { at: number; label: string }[];
  outcome: DrillOutcome;
}

const MODEL_TEXT =
  'Simulated: 20 Grafana instances with seeded error ratios, an install time of 1–3 virtual minutes each, and one unrelated upstream blip on grafana-01 (minutes 4–7). The rollout, the alert and the rollback follow your release.yaml; nothing runs.';

function cmpSemver(a: string, b: string): number {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) return a.localeCompare(b);
  for (let i = 1; i <= 3; i++) if (Number(pa[i]) !== Number(pb[i])) return Number(pa[i]) - Number(pb[i]);
  if (!pa[4] !== !pb[4]) return pa[4] ? -1 : 1; // a pre-release sorts before its release
  return (pa[4] ?? '').localeCompare(pb[4] ?? '');
}

/** The version the rollback goes to, from release.yaml's `to`, or why none fits. */
export function rollbackTarget(to: ReleaseConfig['rollback']['to'], bad: string): { version: string | null; problem: string | null } {
  const known = DRILL_HISTORY.map((r) => r.version);
  if (to === 'previous-release') return { version: DRILL_HISTORY[DRILL_HISTORY.length - 1].version, problem: null };
  if (to === 'previous-stable') {
    const stable = DRILL_HISTORY.filter((r) => !r.prerelease && cmpSemver(r.version, bad) < 0).map((r) => r.version);
    return { version: stable[stable.length - 1] ?? null, problem: stable.length ? null : 'there is no stable release before it' };
  }
  const pinned = to.replace(/^v/, '');
  return known.includes(pinned) ? { version: pinned, problem: null } : { version: null, problem: `there is no release ${pinned} to go back to (the channel has ${known.join(', ')})` };
}

const buggy = (version: string, badRelease: boolean) => (version === '1.4.0' ? badRelease : DRILL_HISTORY.find((r) => r.version === version)?.buggy ?? false);

/** Runs one drill. `badRelease`: whether v1.4.0 carries the bug. */
export function runDrill(config: ReleaseConfig, seed: number, badRelease: boolean): Drill {
  const N = FLEET_SIZE;
  const rand = (i: number, k: number) => hashUnit((seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0, k);
  const base = Array.from({ length: N }, (_, i) => 0.004 + rand(i, 1) * 0.01);
  const bug = Array.from({ length: N }, (_, i) => 0.08 + rand(i, 2) * 0.12);
  const installMinutes = Array.from({ length: N }, (_, i) => 1 + Math.floor(rand(i, 3) * 3));
  const rollbackMinutes = Array.from({ length: N }, (_, i) => 1 + Math.floor(rand(i, 4) * 3));
  const noise = (i: number, m: number) => (rand(i, 100 + m) - 0.5) * 0.006;

  const waves = config.rollout.waves.map((percent) => ({ percent, size: Math.min(N, Math.ceil((percent / 100) * N)), startedAt: null as number | null }));
  const waveOf = (i: number) => {
    const w = waves.findIndex((x) => i < x.size);
    return w < 0 ? null : w;
  };
  const { 'error-ratio-above': threshold, 'for-minutes': forMinutes } = config.rollback.alert;
  const target = rollbackTarget(config.rollback.to, '1.4.0');

  // Per instance: the version served each minute, and its state.
  const version: string[] = Array(N).fill('1.3.0');
  const state: InstanceState[] = Array(N).fill('old');
  const switchAt: (number | null)[] = Array(N).fill(null);
  const switchTo: (string | null)[] = Array(N).fill(null);
  const history: { state: InstanceState; version: string }[][] = Array.from({ length: N }, () => []);
  const alertInput: (number | null)[] = [];
  const fleetRatio: number[] = [];
  const marks: { at: number; label: string }[] = [];
  let nextWave = 0;
  let nextWaveAt: number | null = 0;
  let breaches = 0;
  let alertAt: number | null = null;
  let rolledBack = false;
  let completedAt: number | null = null;
  let latest = '1.3.0';
  let promoteAt: number | null = null;
  let firstBadAt: number | null = null;
  let restoredAt: number | null = null;

  for (let m = 0; m < DRILL_MINUTES; m++) {
    // Installs that finish now.
    for (let i = 0; i < N; i++) {
      if (switchAt[i] === m) {
        version[i] = switchTo[i]!;
        state[i] = state[i] === 'installing' ? 'new' : 'rolled-back';
        switchAt[i] = null;
      }
    }
    // The next wave starts, unless the alert stopped the rollout.
    if (alertAt === null && nextWaveAt !== null && m >= nextWaveAt && nextWave < waves.length) {
      const wave = waves[nextWave];
      wave.startedAt = m;
      marks.push({ at: m, label: `wave ${nextWave + 1} (${wave.percent}%)` });
      let done = m;
      for (let i = 0; i < wave.size; i++) {
        if (state[i] !== 'old') continue;
        state[i] = 'installing';
        switchAt[i] = m + installMinutes[i];
        switchTo[i] = '1.4.0';
        done = Math.max(done, m + installMinutes[i]);
      }
      nextWave++;
      nextWaveAt = done + config.rollout['bake-minutes'];
      if (nextWave === waves.length) {
        if (wave.size >= N) completedAt = done;
        promoteAt = wave.size >= N ? done + config.rollout['bake-minutes'] : null;
      }
    }
    if (alertAt === null && promoteAt !== null && m >= promoteAt) {
      latest = '1.4.0';
      promoteAt = null;
      marks.push({ at: m, label: 'latest → v1.4.0' });
    }
    // Error ratios this minute, and the alert.
    const ratios = Array.from({ length: N }, (_, i) => {
      const spike = i === SPIKE.instance && m >= SPIKE.from && m < SPIKE.to ? SPIKE.extra : 0;
      return Math.max(0, base[i] + noise(i, m) + spike + (buggy(version[i], badRelease) ? bug[i] : 0));
    });
    fleetRatio.push(ratios.reduce((a, b) => a + b, 0) / N);
    const onNew = ratios.filter((_, i) => version[i] === '1.4.0');
    const input = onNew.length ? onNew.reduce((a, b) => a + b, 0) / onNew.length : null;
    alertInput.push(input);
    if (alertAt === null) {
      breaches = input !== null && input > threshold ? breaches + 1 : 0;
      if (breaches >= forMinutes) {
        alertAt = m;
        marks.push({ at: m, label: 'alert fires' });
      }
    } else if (!rolledBack) {
      // The minute after the alert: stop the rollout and go back.
      rolledBack = true;
      marks.push({ at: m, label: target.version ? `rollback to v${target.version}` : 'rollback: no target' });
      for (let i = 0; i < N; i++) {
        if (state[i] === 'installing') {
          state[i] = 'old';
          switchAt[i] = null;
        } else if (version[i] === '1.4.0' && target.version) {
          state[i] = 'rolling-back';
          switchAt[i] = m + rollbackMinutes[i];
          switchTo[i] = target.version;
        }
      }
    }
    for (let i = 0; i < N; i++) history[i].push({ state: state[i], version: version[i] });
    const anyBad = version.some((v) => buggy(v, badRelease));
    if (anyBad && firstBadAt === null) firstBadAt = m;
    if (firstBadAt !== null) {
      if (anyBad) restoredAt = null;
      else if (restoredAt === null) restoredAt = m;
    }
  }
  if (restoredAt !== null) marks.push({ at: restoredAt, label: 'no instance on a bad version' });

  const instances: DrillInstance[] = history.map((minutes, i) => {
    const segments: Segment[] = [];
    minutes.forEach((s, m) => {
      const last = segments[segments.length - 1];
      if (last && last.state === s.state && last.version === s.version) last.to = m + 1;
      else segments.push({ from: m, to: m + 1, state: s.state, version: s.version, buggy: buggy(s.version, badRelease) });
    });
    return { name: `grafana-${String(i + 1).padStart(2, '0')}`, wave: waveOf(i), segments, ranBug: minutes.some((s) => buggy(s.version, badRelease)), finalVersion: version[i] };
  });
  const restoredInTime = firstBadAt !== null && restoredAt !== null;
  return {
    id: badRelease ? 'bad-release' : 'good-release',
    title: badRelease ? 'v1.4.0 carries a bug that fails 8–20% of queries' : 'v1.4.0 is a good release',
    model: MODEL_TEXT,
    duration: DRILL_MINUTES,
    instances,
    waves,
    alert: { threshold, forMinutes },
    alertInput,
    fleetRatio,
    marks: marks.sort((a, b) => a.at - b.at),
    outcome: {
      alertAt,
      rolledBack,
      target: rolledBack ? target.version : null,
      targetProblem: rolledBack ? target.problem : null,
      targetHasBug: rolledBack && target.version !== null && buggy(target.version, badRelease),
      firstBadAt,
      restoredAt,
      minutesToRestore: restoredInTime ? restoredAt! - firstBadAt! : null,
      badInstances: instances.filter((x) => x.ranBug).length,
      firstWaveSize: waves[0]?.size ?? 0,
      completedAt,
      latest,
    },
  };
}
