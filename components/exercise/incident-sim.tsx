'use client';
/**
 * An incident simulation (sim.json `"mode": "incident"`, lib/exercises/incident.ts):
 * the learner's own seeded incident, shown hop by hop, a diagnosis of two parts (where
 * it broke, what broke) graded by the sim's checks, notes that are saved, and the
 * sim's further questions. No toy plugin runs, so no sandbox is started.
 */
import { useEffect, useMemo, useState } from 'react';
import { useLearnerSeed } from '@/components/lab/use-learner-seed';
import { Questions } from '@/components/lab/questions';
import { useProgressHydrated } from '@/components/progress/use-progress';
import { ChecksView } from '@/components/results/checks-view';
import { Tabs } from '@/components/ui/tabs';
import type { SimBundle } from '@/lib/exercises/bundle';
import { SIM_CHECK_LOADERS } from '@/lib/exercises/generated/registry';
import { decodeAnswer, encodeAnswer, gradeIncident, incidentSeed, type IncidentAnswer, type IncidentModel } from '@/lib/exercises/incident';
import { exerciseActions } from '@/lib/exercises/progress';
import type { SimCheck } from '@/lib/exercises/sim-types';
import type { GradeReport } from '@/lib/grading/contract';
import type { ChoiceQuestion } from '@/lib/labs/schema';
import { shuffleFor } from '@/lib/labs/shuffle';
import { useExerciseEntry } from './use-exercise-entry';
import { ExerciseBrief } from './exercise-brief';

const TASKS = ['Name the hop and the cause'];

type Loaded = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; checks: SimCheck[]; model: IncidentModel };

export function IncidentSim({ bundle }: { bundle: SimBundle }) {
  const { id, meta } = bundle;
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const learnerSeed = useLearnerSeed();
  const hydrated = useProgressHydrated();
  const saved = useExerciseEntry(id);

  useEffect(() => {
    let live = true;
    const loader = SIM_CHECK_LOADERS[id];
    if (!loader) {
      setLoaded({ status: 'error', message: `The checks of "${id}" are missing from this build. Reload the page; if it persists, please report it.` });
      return;
    }
    loader().then(
      (mod) => {
        if (!live) return;
        if (mod.incident) setLoaded({ status: 'ready', checks: mod.default, model: mod.incident });
        else setLoaded({ status: 'error', message: `"${id}" is an incident simulation, but its checks.ts exports no incident. Please report this.` });
      },
      (err: unknown) => live && setLoaded({ status: 'error', message: `Could not load this simulation (${err instanceof Error ? err.message : String(err)}). Check your connection and reload.` }),
    );
    return () => {
      live = false;
    };
  }, [id]);

  const seed = learnerSeed ? incidentSeed(learnerSeed, id) : null;
  const incident = useMemo(() => (loaded.status === 'ready' && seed !== null ? loaded.model.draw(seed) : null), [loaded, seed]);
  const questions = useMemo<ChoiceQuestion[]>(() => [{ kind: 'choice', id: 'diagnosis', source: 'lab', ...meta.diagnosis }, ...meta.questions], [meta]);
  const headingId = `sim-${id}-title`;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <article aria-labelledby={headingId} className="min-w-0">
        <ExerciseBrief kind="Troubleshooting simulation" meta={meta} briefHtml={bundle.briefHtml} headingId={headingId} />
        {loaded.status === 'ready' && incident && learnerSeed ? (
          <IncidentDiagnosis
            key={incident.seed}
            model={loaded.model}
            learnerSeed={learnerSeed}
            saved={hydrated ? saved.diagnosis : undefined}
            onCheck={async (answer) => {
              const report = await gradeIncident(loaded.checks, incident, answer);
              exerciseActions.answerDiagnosis(id, encodeAnswer(answer), report.checks.every((c) => c.status === 'pass'));
              exerciseActions.recordResult(id, report.checks.filter((c) => c.status === 'pass').length, report.checks.length);
              return report;
            }}
          />
        ) : null}
        <Questions questions={questions} answers={hydrated ? (saved.answers ?? {}) : {}} onAnswer={(questionId, choice, correct) => exerciseActions.answerQuestion(id, questionId, choice, correct)} />
      </article>

      <div className="flex min-w-0 flex-col gap-3">
        {loaded.status === 'error' ? (
          <p role="alert" className="rounded border border-bad p-3 text-sm text-bad">
            {loaded.message}
          </p>
        ) : incident ? (
          <>
            <blockquote className="rounded border border-border bg-panel p-3 text-sm">
              <p className="text-xs uppercase tracking-wide text-muted">The report · incident {incident.seed.toString(16).padStart(8, '0')}</p>
              <p className="mt-1 text-white">{incident.report}</p>
            </blockquote>
            <Hops hops={incident.hops} />
          </>
        ) : (
          <p role="status" className="rounded border border-border bg-panel p-3 text-sm text-muted">
            Preparing your incident…
          </p>
        )}
        <Notes id={id} path={meta.entry} starter={bundle.starter[meta.entry] ?? ''} saved={hydrated ? saved.files[meta.entry] : undefined} hydrated={hydrated} />
      </div>
    </div>
  );
}

function Hops({ hops }: { hops: { id: string; title: string; where: string; evidence: { label: string; lines: string[]; code?: boolean }[] }[] }) {
  const [tab, setTab] = useState(hops[0]?.id ?? '');
  const hop = hops.find((h) => h.id === tab) ?? hops[0];
  return (
    <section aria-label="The query's path, hop by hop">
      <Tabs label="Hops" tabs={hops.map((h) => ({ id: h.id, label: h.title }))} selected={hop?.id ?? ''} onSelect={setTab}>
        {hop ? (
          <div>
            <p className="text-xs text-muted">Where: {hop.where}</p>
            <dl className="mt-2 space-y-3">
              {hop.evidence.map((item) => (
                <div key={item.label}>
                  <dt className="text-sm font-semibold text-white">{item.label}</dt>
                  <dd className="mt-1">
                    {item.code ? (
                      <pre className="overflow-x-auto rounded bg-panel-2 p-2 text-xs whitespace-pre-wrap break-all">{item.lines.join('\n')}</pre>
                    ) : (
                      item.lines.map((line) => (
                        <p key={line} className="text-sm">
                          {line}
                        </p>
                      ))
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ) : null}
      </Tabs>
    </section>
  );
}

function IncidentDiagnosis({ model, learnerSeed, saved, onCheck }: {
  model: IncidentModel;
  learnerSeed: string;
  saved?: { choice: string; correct: boolean };
  onCheck(answer: IncidentAnswer): Promise<GradeReport>;
}) {
  const [picked, setPicked] = useState<IncidentAnswer | undefined>(undefined);
  const [report, setReport] = useState<GradeReport | null>(null);
  const [checking, setChecking] = useState(false);
  // The saved answer arrives after the first render; it stands until the learner picks again.
  const answer = picked ?? decodeAnswer(saved?.choice);
  // Hops keep the path's order; causes come in this learner's own stable order.
  const causes = useMemo(() => shuffleFor(model.causes, learnerSeed, 'incident:causes'), [model, learnerSeed]);
  const pick = (change: IncidentAnswer) => setPicked({ ...answer, ...change });
  return (
    <form
      aria-labelledby="incident-diagnosis-heading"
      className="mt-4 rounded border border-border bg-panel p-3"
      onSubmit={(e) => {
        e.preventDefault();
        setChecking(true);
        void onCheck(answer)
          .then(setReport)
          .finally(() => setChecking(false));
      }}
    >
      <h3 id="incident-diagnosis-heading" className="text-base font-semibold text-white">
        Your diagnosis
      </h3>
      <fieldset className="mt-1">
        <legend className="text-sm text-white">Where did it break? (where the fix belongs)</legend>
        <div className="mt-2 space-y-1">
          {model.hops.map((h) => (
            <label key={h.id} className="flex items-start gap-2 text-sm">
              <input type="radio" name="incident-hop" value={h.id} checked={answer.hop === h.id} onChange={() => pick({ hop: h.id })} className="mt-1" />
              <span>{h.text}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="mt-3">
        <legend className="text-sm text-white">What broke?</legend>
        <div className="mt-2 space-y-1">
          {causes.map((c) => (
            <label key={c.id} className="flex items-start gap-2 text-sm">
              <input type="radio" name="incident-cause" value={c.id} checked={answer.cause === c.id} onChange={() => pick({ cause: c.id })} className="mt-1" />
              <span>{c.text}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={checking || (!answer.hop && !answer.cause)} className="mt-2 rounded border border-border px-3 py-1 text-sm hover:bg-panel-2 disabled:opacity-50">
        Check diagnosis
      </button>
      {report ? (
        <div className="mt-2">
          <ChecksView report={report} running={checking} tasks={TASKS} />
        </div>
      ) : saved ? (
        <p role="status" className={saved.correct ? 'mt-2 text-sm font-semibold text-ok' : 'mt-2 text-sm font-semibold text-bad'}>
          {saved.correct ? '✓ Your saved diagnosis names the right hop and cause.' : '✗ Your saved diagnosis is not right yet: look at the hops again.'}
        </p>
      ) : null}
    </form>
  );
}

function Notes({ id, path, starter, saved, hydrated }: { id: string; path: string; starter: string; saved?: string; hydrated: boolean }) {
  if (!hydrated) return null;
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="text-white">
        Your notes (<code>{path}</code>, saved in this browser, not graded)
      </span>
      <textarea
        value={saved ?? starter}
        onChange={(e) => exerciseActions.saveFile(id, path, e.target.value)}
        rows={12}
        spellCheck={false}
        className="rounded border border-border bg-panel p-2 font-mono text-xs"
      />
    </label>
  );
}
