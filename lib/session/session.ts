/**
 * One lab session without React: a vanilla zustand store (TutorialKit's runtime store)
 * that owns the learner's files, the kind's run settings, the run in flight, the grade
 * report and saving. Labs of every kind, coding exercises and simulations all use it;
 * what runs and what grades comes in as a `RunPlan`, where the files are saved as
 * `SavedWork`. React components subscribe with zustand's `useStore`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { GradeReport } from '../grading/contract';
import { blockedReport, cancelledReport, drawOrder, grade, pendingReport, type Gradable, type GradeOptions } from '../grading/grade';
import type { FileMarker, RunPhase } from '../kinds/types';

/**
 * The grade a Run makes after its run when the record does not block it: the options the
 * session then gives `grade`, known before the run starts.
 */
export interface NextGrade {
  order: readonly number[];
  concurrency?: number;
  /** The report the grade starts from (every check pending). */
  initial: GradeReport;
}

/** What a Run does, loaded on demand (`SessionOptions.load`). */
export interface RunPlan<TRecord, TSettings> {
  /**
   * The run the results views show. Omitted when a Run only grades (coding exercises).
   * `next` is the grade that follows: a plan whose checks run elsewhere starts it there as
   * soon as the record is made (engine-client.ts), instead of waiting for the record to
   * reach the page and the page to ask. Plans that run here ignore it.
   */
  run?(files: Record<string, string>, settings: TSettings, signal: AbortSignal, next: NextGrade): Promise<TRecord>;
  /** The one message that ends the grade before any check runs (the code does not load, never ends…). */
  blockingError?(record: TRecord): string | undefined;
  /** The problems in the files that the record shows, for the editor to mark. */
  markers?(record: TRecord): FileMarker[];
  /** The checks over these files; every run they start must honour `signal`. */
  items(files: Record<string, string>, signal: AbortSignal): Gradable[];
  /**
   * Called when a Run starts, before `items` and `run`; the function it returns is called
   * once when that Run is over (finished, failed, cancelled or replaced by a newer Run).
   * Labs open a sandbox session here, so every Run starts in fresh realms. `signal` is the
   * Run's: the one `items`, `run` and the grade of this Run get.
   */
  begin?(signal: AbortSignal): () => void;
  /** How many checks run at once (grade's `concurrency`); by default one after another. */
  concurrency?: number;
  /**
   * Grades the Run's `items` (`items(files, signal)` made them) in place of the grader
   * running here: a plan whose checks run elsewhere (the lab engine's worker,
   * lib/session/engine-client.ts) sends the grade there and relays its updates. Same
   * contract as `grade()`: resolves with the final report, `onUpdate` at every change.
   */
  grade?(items: Gradable[], options: GradeOptions, initial: GradeReport): Promise<GradeReport>;
  /**
   * False once the plan can no longer run (the lab engine's worker failed): the session then
   * loads a new plan for the next Run or Retry. Plans that run here are always usable.
   */
  usable?(): boolean;
  /** The session is done with the plan (disposed, or the plan replaced): free what it holds elsewhere. */
  dispose?(): void;
}

/** Where a session's work is saved (the progress store). Only edited files are saved; the rest are the starter. */
export interface SavedWork<TSettings> {
  read(): { files: Record<string, string>; settings: TSettings };
  /** Called after every change of the store, including other tabs' changes. */
  subscribe(onChange: () => void): () => void;
  saveFile(path: string, content: string): void;
  /** Replaces every edited file: `{}` is the starter, the solution's files show the solution. */
  replaceFiles(files: Record<string, string>): void;
  saveSettings(settings: TSettings): void;
  /** Back to the starter: files, and whatever settings the starter has. */
  resetToStarter(): void;
  /** A finished grade (pass / fail / error). Cancelled grades are not saved. */
  recordGrade(report: GradeReport): void;
}

export interface SessionOptions<TRecord, TSettings> {
  starter: Record<string, string>;
  solution: Record<string, string>;
  saved: SavedWork<TSettings>;
  /** Loads what Run needs (dynamic imports); may reject, e.g. a code chunk gone after a redeploy. */
  load(): Promise<RunPlan<TRecord, TSettings>>;
  /**
   * Coalesces a running grade's updates (the browser passes requestAnimationFrame, so
   * the page renders check results at most once a frame). Default: apply at once.
   */
  schedule?(apply: () => void): () => void;
  /** Milliseconds on a monotonic clock, for the timings. */
  clock?(): number;
  /**
   * When to load the plan ahead of a Run (to list the checks): after this resolves. The
   * page waits for its editor, whose loading the plan's code would otherwise slow. A Run
   * pressed earlier loads the plan itself at once. Default: at once.
   */
  prepareAfter?: Promise<void>;
}

/** The checks as listed before any Run: title, task, visible, no status. */
export type CheckOutline = Omit<Gradable, 'run'>;

export interface SessionState<TRecord, TSettings> {
  /** Every file: the starter with the learner's saved edits over it. */
  files: Record<string, string>;
  settings: TSettings;
  phase: RunPhase;
  /** The last Run's record (kept while a new Run is in flight), or null. */
  record: TRecord | null;
  /** What the editor marks in the files for that record (parse or syntax errors); empty when none. */
  markers: FileMarker[];
  /** The grade of the last or current Run: pending / running checks while it is in flight. */
  report: GradeReport | null;
  /** The checks, once the plan has loaded (shown before the first Run), or null. */
  outline: CheckOutline[] | null;
  /** Set when what Run needs could not load: the message; `retry()` tries again. */
  loadError: string | null;
  /** Run pressed → record back, and → grade done, in ms. */
  timings: { runMs: number; totalMs: number } | null;
}

export interface SessionActions<TSettings> {
  /** Runs and grades the current files; a Run in flight is cancelled first. */
  run(): Promise<void>;
  /** Cancels the Run in flight, at once: unfinished checks are `skipped`, the grade `cancelled`. */
  cancel(): void;
  /** After a load error: loads again and, if a Run was what failed, runs. */
  retry(): Promise<void>;
  editFile(path: string, content: string): void;
  /** Saves new run settings: a value, or a change of the current (saved) ones. */
  setSettings(settings: TSettings | ((current: TSettings) => TSettings)): void;
  resetToStarter(): void;
  showSolution(): void;
  /** Stops listening to the progress store and cancels a Run in flight. */
  dispose(): void;
}

export type Session<TRecord, TSettings> = StoreApi<SessionState<TRecord, TSettings> & SessionActions<TSettings>>;

/** What the learner reads when a code chunk did not load. */
export function loadErrorMessage(err: unknown): string {
  const why = err instanceof Error ? err.message : String(err);
  return `Part of the app that Run needs did not load (${why}). This happens when the app was updated while this page was open, or the connection dropped. Press Retry; if it keeps failing, reload the page. Your work is saved.`;
}

export function createSession<TRecord, TSettings>(options: SessionOptions<TRecord, TSettings>): Session<TRecord, TSettings> {
  const { saved, starter } = options;
  const clock = options.clock ?? (() => performance.now());
  const schedule = options.schedule ?? ((apply: () => void) => (apply(), () => undefined));
  let plan: Promise<RunPlan<TRecord, TSettings>> | null = null;
  let inFlight: AbortController | null = null;
  /** Increases with every Run and every cancel: updates of an older Run are dropped. */
  let generation = 0;
  let disposed = false;
  /** Whether the last load error happened on Run (so Retry runs) or while preparing the check list. */
  let failedOnRun = false;

  const merged = () => {
    const work = saved.read();
    return { files: { ...starter, ...work.files }, settings: work.settings };
  };

  /** The loaded plan, once it has loaded: asked whether it is still usable before each use. */
  let loaded: RunPlan<TRecord, TSettings> | null = null;
  /** The plan, loaded once; a failed load, or a plan no longer usable, is forgotten so the next Run or Retry loads again. */
  const loadPlan = () => {
    if (loaded?.usable?.() === false) {
      loaded.dispose?.();
      plan = null;
      loaded = null;
    }
    if (!plan) {
      const loading = options.load();
      plan = loading;
      loading.then(
        (ready) => plan === loading && (loaded = ready),
        () => plan === loading && (plan = null),
      );
    }
    return plan;
  };

  const store = createStore<SessionState<TRecord, TSettings> & SessionActions<TSettings>>()((set, get) => {
    let lastSaved = saved.read();
    const initial = merged();

    const prepare = async () => {
      try {
        const ready = await loadPlan();
        if (disposed) return;
        const outline = ready.items(get().files, new AbortController().signal).map(({ run: _run, ...meta }) => meta);
        set({ outline, loadError: null });
      } catch (err) {
        if (!disposed) set({ loadError: loadErrorMessage(err) });
      }
    };

    const run = async () => {
      inFlight?.abort();
      const controller = new AbortController();
      inFlight = controller;
      const mine = ++generation;
      const live = () => mine === generation && !disposed;
      const { signal } = controller;
      const started = clock();
      // Every known check pending from the moment Run is pressed; the last Run's results are gone.
      const outline = get().outline;
      set({ phase: 'running', loadError: null, report: outline ? pendingReport(outline) : null });

      // A plan already loaded is used in this task, with no await: a plan in the lab engine
      // then posts the Run's messages before React renders the pending checks (a store update
      // renders in a microtask queued ahead of any await's), and the engine starts while the
      // page draws (issue 17).
      let ready = loaded?.usable?.() === false ? null : loaded;
      if (!ready) {
        try {
          ready = await loadPlan();
        } catch (err) {
          if (live()) {
            inFlight = null;
            failedOnRun = true;
            set({ phase: 'idle', loadError: loadErrorMessage(err) });
          }
          return;
        }
        if (!live()) return;
      }
      // The Run's own sandboxes (a fresh realm per Run), closed however the Run ends.
      const end = ready.begin?.(signal);
      try {
        // What is saved now, not what the last render saw: the learner may have typed since.
        const { files, settings } = merged();
        const items = ready.items(files, signal);
        let report = pendingReport(items);
        set({ report, outline: items.map(({ run: _run, ...meta }) => meta) });
        // A new order every Run: a handler that counts its runs learns nothing about which check it serves.
        const next: NextGrade = { order: drawOrder(items.length), concurrency: ready.concurrency, initial: report };

        let runMs = 0;
        if (ready.run) {
          let record: TRecord;
          try {
            record = await ready.run(files, settings, signal, next);
          } catch (err) {
            if (!live()) return;
            const why = err instanceof Error ? err.message : String(err);
            finish(blockedReport(report, `Run could not start: ${why}`, Math.round(clock() - started)), clock() - started, started);
            return;
          }
          if (!live()) return;
          runMs = clock() - started;
          set({ record, markers: ready.markers?.(record) ?? [] });
          const blocked = ready.blockingError?.(record);
          if (blocked) {
            finish(blockedReport(report, blocked, Math.round(clock() - started)), runMs, started);
            return;
          }
        }

        set({ phase: 'checking' });
        const frame: { pending: GradeReport | null; cancel: (() => void) | null } = { pending: null, cancel: null };
        report = await (ready.grade ?? grade)(items, {
          signal,
          order: next.order,
          concurrency: next.concurrency,
          onUpdate: (update) => {
            if (!live()) return;
            frame.pending = update;
            if (frame.cancel) return; // an update is already scheduled; it will apply the latest
            // A scheduler may apply at once (the default does): then nothing stays scheduled,
            // and the next update must schedule again (keeping its cancel would hold every
            // later update back until the grade ended).
            let applied = false;
            const cancel = schedule(() => {
              applied = true;
              frame.cancel = null;
              if (live() && frame.pending) set({ report: frame.pending });
            });
            if (!applied) frame.cancel = cancel;
          },
        }, next.initial);
        frame.cancel?.();
        if (!live()) return;
        finish(report, runMs, started);
      } finally {
        end?.();
      }
    };

    const finish = (report: GradeReport, runMs: number, started: number) => {
      inFlight = null;
      set({ report, phase: 'idle', timings: { runMs, totalMs: clock() - started } });
      if (report.status !== 'cancelled') saved.recordGrade(report);
    };

    const unsubscribe = saved.subscribe(() => {
      const now = saved.read();
      if (now.files === lastSaved.files && now.settings === lastSaved.settings) return;
      lastSaved = now;
      set({ files: { ...starter, ...now.files }, settings: now.settings });
    });

    void (options.prepareAfter ?? Promise.resolve()).then(prepare);

    return {
      files: initial.files,
      settings: initial.settings,
      phase: 'idle',
      record: null,
      markers: [],
      report: null,
      outline: null,
      loadError: null,
      timings: null,
      run,
      cancel() {
        if (!inFlight) return;
        inFlight.abort();
        inFlight = null;
        generation++;
        const report = get().report ?? { status: 'running' as const, checks: [] };
        set({ phase: 'idle', report: cancelledReport(report) });
      },
      async retry() {
        const thenRun = failedOnRun;
        failedOnRun = false;
        set({ loadError: null });
        if (thenRun) return run();
        await prepare();
      },
      editFile: (path, content) => saved.saveFile(path, content),
      setSettings: (settings) => saved.saveSettings(typeof settings === 'function' ? (settings as (current: TSettings) => TSettings)(merged().settings) : settings),
      resetToStarter: () => saved.resetToStarter(),
      showSolution: () => saved.replaceFiles({ ...options.solution }),
      dispose() {
        disposed = true;
        inFlight?.abort();
        inFlight = null;
        // A plan still loading is disposed when it arrives.
        if (loaded) loaded.dispose?.();
        else void plan?.then((p) => p.dispose?.(), () => undefined);
        plan = null;
        loaded = null;
        unsubscribe();
      },
    };
  });
  return store;
}
