'use client';
/**
 * One program in detail: its sweep of schedules (pick a seed to run it again under that
 * schedule, in the engine's worker), the model's terminal next to the recorded real one,
 * the race report with both stacks and the source lines marked, and the interleaving.
 */
import { useEffect, useRef, useState } from 'react';
import { runArtifact } from '@/lib/kinds/artifact/client';
import type { RaceProgramResult, RunDetail } from '@/lib/kinds/artifact/race/result';
import type { LabArtifact } from '@/lib/labs/schema';
import { InterleavingTimeline } from './interleaving-timeline';
import { RaceReport } from './race-report';
import { SeedStrip } from './seed-strip';
import { Terminals } from './terminals';

interface Props {
  program: RaceProgramResult;
  /** Every program of the last Run: their sources are what a re-run uses, so it matches what is shown. */
  programs: RaceProgramResult[];
  artifact: LabArtifact | undefined;
}

export function ProgramPanel({ program, programs, artifact }: Props) {
  const [picked, setPicked] = useState<RunDetail | null>(null);
  const [busySeed, setBusySeed] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  useEffect(() => () => inFlight.current?.abort(), []);

  const detail = picked ?? program.detail;

  const pick = async (seed: number) => {
    if (seed === detail.seed || !artifact) return;
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setBusySeed(seed);
    setError(null);
    const files = Object.fromEntries(programs.map((p) => [p.path, p.source]));
    const record = await runArtifact(artifact, files, controller.signal, { programs: [program.path], seed, runs: 0 });
    if (controller.signal.aborted) return;
    setBusySeed(null);
    const again = record.simulation?.simulation === 'race' ? record.simulation.programs.find((p) => p.path === program.path) : undefined;
    if (again) setPicked(again.detail);
    else setError(record.engineError ?? record.parse.errors[0]?.message ?? `Seed ${seed} could not be run.`);
  };

  return (
    <div className="space-y-4" data-testid="program-panel">
      {program.shows ? <p className="text-sm text-muted">{program.shows}</p> : null}
      {program.sweep ? <SeedStrip sweep={program.sweep} seed={busySeed ?? detail.seed} onPick={(s) => void pick(s)} busy={busySeed !== null} /> : null}
      {!program.sweep ? (
        <button type="button" onClick={() => void pick(detail.seed + 1)} className="rounded border border-border px-2 py-1 text-xs">
          Try seed {detail.seed + 1}
        </button>
      ) : null}
      <p role="status" className="text-xs text-muted">
        {busySeed !== null ? `Running ${program.path} under seed ${busySeed}…` : `Showing seed ${detail.seed}${picked ? ' (picked)' : program.sweep ? ', the first schedule that went wrong, or the lab’s seed when none did' : ''}.`}
      </p>
      {error ? (
        <p role="alert" className="text-sm text-bad">
          {error}
        </p>
      ) : null}
      <Terminals detail={detail} recorded={program.recorded} path={program.path} />
      <RaceReport detail={detail} source={program.source} path={program.path} />
      <InterleavingTimeline detail={detail} />
    </div>
  );
}
