// @vitest-environment node
/**
 * Random sequences of what learners do — edits in several tabs, resets, reloads,
 * storage events arriving late, explicit saves, time passing, backup imports — and
 * two promises: a save never takes back what storage already held (every file's
 * change time in storage only grows), and at the end the latest edit of every file and
 * the latest answer survive, in every open tab and after a fresh load.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyImport, createBackup, previewImport, readBackup } from './backup';
import { createProgressStore, now, partialize, type ProgressStore } from './store';
import { decodeStored, STORAGE_KEY } from './stored';
import { FakeWindow, SharedStorage } from './testing';

const LABS = ['week-1/a', 'week-2/b'] as const;
const FILES = ['handler.ts', 'query.ts'] as const;
const TABS = 3;

type Command =
  | { kind: 'edit'; tab: number; lab: number; file: number }
  | { kind: 'answer'; tab: number; lab: number; choice: 'a' | 'b' }
  | { kind: 'reset'; tab: number; lab: number }
  | { kind: 'reload'; tab: number }
  | { kind: 'deliver'; tab: number }
  | { kind: 'flush'; tab: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'snapshot' }
  | { kind: 'import'; tab: number; snapshot: number; replace: boolean };

const tab = fc.integer({ min: 0, max: TABS - 1 });
const labIndex = fc.integer({ min: 0, max: LABS.length - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('edit' as const), tab, lab: labIndex, file: fc.integer({ min: 0, max: FILES.length - 1 }) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('answer' as const), tab, lab: labIndex, choice: fc.constantFrom('a' as const, 'b' as const) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('reset' as const), tab, lab: labIndex }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('reload' as const), tab }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('deliver' as const), tab }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('flush' as const), tab }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3000 }) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'snapshot' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('import' as const), tab, snapshot: fc.nat(), replace: fc.boolean() }), weight: 2 },
);

let storage: SharedStorage;
let open: { store: ProgressStore; win: FakeWindow }[];

function openTab(index: number) {
  const win = new FakeWindow();
  const store = createProgressStore({ storage: () => storage.forTab(win), window: win, document: win });
  store.sync.hydrate();
  open[index] = { store, win };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  for (const t of open ?? []) t.store.sync.dispose();
  vi.useRealTimers();
});

describe('saved progress under random edits, reloads, tabs and imports', () => {
  it('keeps the latest edit of every file and the latest answer', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 60 }), (commands) => {
        storage = new SharedStorage();
        for (const t of open ?? []) t.store.sync.dispose();
        open = [];
        for (let i = 0; i < TABS; i++) openTab(i);
        /** The model: what the latest action set, by lab and file (undefined = starter). */
        const expectedFiles = new Map<string, string | undefined>();
        const expectedAnswers = new Map<string, string>();
        const snapshots: string[] = [];
        let counter = 0;

        /** Change time of every file as last seen in storage: a save may only make it newer. */
        const storedTimes = new Map<string, number>();
        const checkStorageNeverGoesBack = () => {
          const raw = storage.data.get(STORAGE_KEY);
          if (raw === undefined) return;
          const decoded = decodeStored(raw);
          if (!decoded.ok) throw new Error(decoded.reason);
          const seen = new Set<string>();
          for (const [labId, lab] of Object.entries(decoded.progress.labs)) {
            for (const [file, at] of Object.entries(lab.fileTimes ?? {})) {
              const key = `${labId}|${file}`;
              seen.add(key);
              expect(Date.parse(at)).toBeGreaterThanOrEqual(storedTimes.get(key) ?? -Infinity);
              storedTimes.set(key, Date.parse(at));
            }
          }
          for (const key of storedTimes.keys()) expect(seen.has(key), `${key} vanished from storage`).toBe(true);
        };

        for (const c of commands) {
          checkStorageNeverGoesBack();
          switch (c.kind) {
            case 'edit': {
              const text = `edit ${counter++}`;
              open[c.tab].store.getState().saveFile(LABS[c.lab], FILES[c.file], text);
              expectedFiles.set(`${LABS[c.lab]}|${FILES[c.file]}`, text);
              break;
            }
            case 'answer':
              open[c.tab].store.getState().answer(LABS[c.lab], 'q1', c.choice, true);
              expectedAnswers.set(LABS[c.lab], c.choice);
              break;
            case 'reset': {
              // A reset applies to the files this tab knows are edited.
              const known = Object.keys(open[c.tab].store.getState().labs[LABS[c.lab]]?.files ?? {});
              open[c.tab].store.getState().resetFiles(LABS[c.lab]);
              for (const file of known) expectedFiles.set(`${LABS[c.lab]}|${file}`, undefined);
              break;
            }
            case 'reload':
              open[c.tab].win.emit('pagehide');
              open[c.tab].store.sync.dispose();
              storage.closeTab(open[c.tab].win);
              openTab(c.tab);
              break;
            case 'deliver':
              open[c.tab].win.deliver();
              break;
            case 'flush':
              open[c.tab].store.sync.flush();
              break;
            case 'wait':
              vi.advanceTimersByTime(c.ms);
              break;
            case 'snapshot':
              snapshots.push(createBackup(partialize(open[0].store.getState())).text);
              break;
            case 'import': {
              if (snapshots.length === 0) break;
              const read = readBackup(snapshots[c.snapshot % snapshots.length]);
              if (!read.ok) throw new Error(read.reason);
              const store = open[c.tab].store;
              const local = partialize(store.getState());
              if (c.replace) {
                // The learner ticked every conflict: the backup's copy replaces local work, and is now the latest.
                for (const item of previewImport(local, read.progress).items) {
                  if (item.outcome !== 'conflict' || item.scope !== 'lab') continue;
                  if (item.kind === 'file') expectedFiles.set(`${item.owner}|${item.name}`, item.value as string | undefined);
                  if (item.kind === 'answer') expectedAnswers.set(item.owner!, (item.value as { choice: string }).choice);
                }
              }
              store.getState().replaceProgress(applyImport(local, read.progress, { replace: c.replace ? 'all' : new Set(), at: now() }));
              break;
            }
          }
        }

        checkStorageNeverGoesBack();
        // Let everything settle: every tab hears every event and saves.
        for (let round = 0; round < 3; round++) {
          for (const t of open) {
            t.win.deliver();
            t.store.sync.flush();
          }
        }
        const fresh = new FakeWindow();
        const check = createProgressStore({ storage: () => storage.forTab(fresh), window: fresh });
        check.sync.hydrate();
        const views = [check, ...open.map((t) => t.store)].map((s) => partialize(s.getState()));
        for (const view of views) {
          for (const [key, text] of expectedFiles) {
            const [labId, file] = key.split('|');
            expect(view.labs[labId]?.files[file]).toBe(text);
          }
          for (const [labId, choice] of expectedAnswers) expect(view.labs[labId]?.answers.q1?.choice).toBe(choice);
        }
        check.sync.dispose();
        // Every tab ends with the same progress.
        for (const view of views.slice(1)) expect(view).toEqual(views[0]);
      }),
      { numRuns: 300 },
    );
  });
});
