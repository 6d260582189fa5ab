// @vitest-environment node
/**
 * The lab engine end to end without a browser: a session on the page's side
 * (createLabSession with `engine`) and the engine (serveLabEngine) on the other end of a
 * MessageChannel, so everything that crosses is structured-cloned as between the page and
 * the worker; real labs run in Node sandboxes.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { LabCheck } from '../checks/types';
import { expect as check } from '../checks/assert';
import type { LabKind, LabKindId, RunRecordBase } from '../kinds/types';
import { loadKind } from '../kinds/registry';
import { loadAllLabs, type LabContent } from '../labs/load';
import { labMetaSchema } from '../labs/schema';
import { createProgressStore, type ProgressStore } from '../progress/store';
import { FakeWindow, SharedStorage } from '../progress/testing';
import { createNodeSandbox } from '../runtime/node/node-sandbox';
import type { SandboxHost } from '../runtime/sandbox/host';
import type { QueryDataRunRecord } from '../engine/run';
import { messagePort, type EnginePort, type EngineReply, type EngineRequest } from './engine-protocol';
import type { EngineClientPort } from './engine-client';
import { serveLabEngine } from './engine-server';
import { createLabSession, type SessionLab } from './lab-session';

/** Both ends of a channel, as the page and the worker see them. */
function connect(): { page: EngineClientPort; engine: EnginePort<EngineReply, EngineRequest>; close(): void } {
  const channel = new MessageChannel();
  return { page: messagePort(channel.port1), engine: messagePort(channel.port2), close: () => (channel.port1.close(), channel.port2.close()) };
}

const labs = loadAllLabs();
const labById = (id: string) => labs.find((l) => l.id === id)!;
const sessionLab = (lab: LabContent): SessionLab => ({ id: lab.id, meta: lab.meta, starter: lab.starter, solution: lab.solution });
const labChecks = async (id: string) => (await import(join(process.cwd(), labById(id).dir, 'checks.ts'))).default as LabCheck<unknown>[];

const host = createNodeSandbox({ isolation: 'run', poolSize: 2 });
afterAll(() => host.dispose());

let storage: SharedStorage;
let progress: ProgressStore;
let wire: ReturnType<typeof connect>;
let stopServing: () => void;

function serve(options: { host?: SandboxHost; loadKind?: (id: LabKindId) => Promise<LabKind>; loadChecks?: (id: string) => Promise<readonly LabCheck<unknown>[]> } = {}) {
  stopServing = serveLabEngine(wire.engine, { host: options.host ?? host, loadKind: options.loadKind ?? loadKind, loadChecks: options.loadChecks ?? labChecks });
}

beforeEach(() => {
  storage = new SharedStorage();
  const win = new FakeWindow();
  progress = createProgressStore({ storage: () => storage.forTab(win), window: win, document: win, debounceMs: 10 });
  progress.sync.hydrate();
  wire = connect();
});
afterEach(() => {
  stopServing?.();
  wire.close();
  progress.sync.dispose();
});

describe('lab engine', () => {
  it('a handler lab: the solution passes every check and its record crosses with its frames; the starter does not', async () => {
    serve();
    const lab = labById('week-2/first-query-path');
    const session = createLabSession(sessionLab(lab), { engine: () => wire.page, progress });
    await session.getState().run();
    const starter = session.getState();
    expect(starter.report?.status).toBe('fail');

    session.getState().showSolution();
    await session.getState().run();
    const { report, record, outline } = session.getState();
    expect(report?.status, JSON.stringify(report?.checks.filter((c) => c.status !== 'pass'))).toBe('pass');
    expect(report?.checks.length).toBe((await labChecks(lab.id)).length);
    expect(outline?.map((c) => c.id)).toEqual(report?.checks.map((c) => c.id));
    const output = (record as QueryDataRunRecord).output;
    expect(output.ok).toBe(true);
    if (!output.ok) return;
    const frames = Object.values(output.value.responses).flatMap((r) => r.frames ?? []);
    expect(frames.length).toBeGreaterThan(0);
    // Columns come back as plain arrays, whether or not they were packed to cross.
    for (const frame of frames) for (const column of frame.data?.values ?? []) expect(Array.isArray(column)).toBe(true);
    session.getState().dispose();
  }, 120_000);

  it('a syntax error blocks the grade with its message, and the editor gets its marker', async () => {
    serve();
    const lab = labById('week-2/first-query-path');
    const session = createLabSession(sessionLab(lab), { engine: () => wire.page, progress });
    session.getState().editFile(lab.meta.entry!, 'export function queryData( {');
    await session.getState().run();
    const { report, markers } = session.getState();
    expect(report?.status).toBe('error');
    expect(report?.message).toMatch(/No check ran/);
    expect(report?.checks.every((c) => c.status === 'skipped')).toBe(true);
    expect(markers[0]?.path).toBe(lab.meta.entry);
    session.getState().dispose();
  }, 60_000);

  describe('with a kind of its own', () => {
    /** A Run reads notes.md and the saved work of another lab; checks wait for the test's word. */
    interface NotesRecord extends RunRecordBase {
      invocation: 'notes';
      words: number;
      otherLab: string | null;
    }
    let sessions: { closed: boolean }[];
    let release: (() => void)[];
    const fakeHost = {
      session() {
        const opened = { closed: false, run: async () => ({}), close: () => void (opened.closed = true) };
        sessions.push(opened);
        return opened;
      },
      warmUp: async () => undefined,
    } as unknown as SandboxHost;
    const notesKind: LabKind<NotesRecord, { words: number }> = {
      id: 'artifact',
      async run(env, _lab, input) {
        const labs = env.progress?.getState().labs ?? {};
        return { invocation: 'notes', durationMs: 0, words: (input.files['notes.md'] ?? '').split(/\s+/).filter(Boolean).length, otherLab: labs['week-1/other']?.files?.['a.ts'] ?? null };
      },
      blockingError: (record) => (record.words === 0 ? 'notes.md is empty.' : undefined),
      markers: () => [],
      checkContext: (_env, _lab, files) => ({ words: (files['notes.md'] ?? '').split(/\s+/).filter(Boolean).length }),
      savedWorkRead: async () => ['week-1/other'],
    };
    const checks: LabCheck<{ words: number }>[] = [
      { id: 'some', task: 1, title: 'Has some words', hint: 'Write more.', run: async (ctx) => check(ctx.words > 0, 'words', 'none') },
      { id: 'slow', task: 1, title: 'Waits', hint: '', run: () => new Promise<void>((resolve) => release.push(resolve)) },
    ];
    const lab: SessionLab = {
      id: 'week-9/notes',
      meta: labMetaSchema.parse({ kind: 'artifact', title: 'Notes', summary: 'Write some notes.', estimatedMinutes: 5, files: [{ path: 'notes.md', language: 'markdown' }] }),
      starter: { 'notes.md': 'one two' },
      solution: { 'notes.md': 'one two three' },
    };
    const flush = () => new Promise((resolve) => setTimeout(resolve, 5));
    const until = async (ok: () => boolean) => {
      for (let i = 0; i < 200 && !ok(); i++) await flush();
      expect(ok()).toBe(true);
    };

    beforeEach(() => {
      sessions = [];
      release = [];
      serve({ host: fakeHost, loadKind: async () => notesKind as unknown as LabKind, loadChecks: async () => checks as LabCheck<unknown>[] });
    });

    it('the Run reads saved work from the snapshot sent with it; the grade relays updates; the sandbox session closes at the end', async () => {
      progress.getState().saveFile('week-1/other', 'a.ts', 'saved elsewhere');
      progress.getState().saveFile('week-1/unrelated', 'b.ts', 'not read by this kind');
      const sent: string[][] = [];
      const post = wire.page.post;
      wire.page.post = (message, transfer) => (message.type === 'items' && sent.push(Object.keys(message.progress.labs)), post(message, transfer));
      const session = createLabSession(lab, { engine: () => wire.page, progress });
      const seen: string[] = [];
      session.subscribe((s) => s.report && seen.push(s.report.checks.map((c) => c.status).join(',')));
      const running = session.getState().run();
      await until(() => release.length === 1);
      expect((session.getState().record as NotesRecord).otherLab).toBe('saved elsewhere');
      // The update that says the waiting check is running crossed while the grade goes on
      // (checks run in an order drawn per Run, so the other may or may not have run yet).
      await until(() => session.getState().report?.checks.find((c) => c.id === 'slow')?.status === 'running');
      expect(sessions.map((s) => s.closed)).toEqual([false]);
      release[0]!();
      await running;
      expect(session.getState().report?.status).toBe('pass');
      await until(() => sessions[0]!.closed);
      expect(seen.some((s) => s.includes('running'))).toBe(true);
      // Only the labs the kind reads crossed (savedWorkRead), not every lab's saved work.
      expect(sent).toEqual([['week-1/other']]);
    });

    it('the engine grades straight after the record, without waiting for the page to ask; a blocked record gets no grade', async () => {
      const replies: string[] = [];
      wire.page.listen((reply) => void ('runId' in reply && replies.push(`${reply.runId} ${reply.type}`)));
      const initial = { status: 'running' as const, checks: [] };
      wire.page.post({ type: 'load', planId: 7001, lab: { id: lab.id, meta: lab.meta }, kind: 'artifact' });
      for (const [runId, notes] of [[7002, 'one two'], [7003, '']] as const) {
        wire.page.post({ type: 'begin', planId: 7001, runId });
        wire.page.post({ type: 'items', runId, files: { 'notes.md': notes }, progress: { labs: {} } });
        wire.page.post({ type: 'run', runId, settings: {}, grade: { order: [1, 0], initial: { ...initial, checks: [] } } });
      }
      // The page sends nothing more: the first Run's slow check starts all the same.
      await until(() => release.length === 1);
      release[0]!();
      await until(() => replies.includes('7002 graded'));
      await flush();
      const first = replies.filter((r) => r.startsWith('7002'));
      expect(first[0]).toBe('7002 record');
      expect(first.at(-1)).toBe('7002 graded');
      expect(first.slice(1, -1).every((r) => r === '7002 update')).toBe(true);
      expect(replies.filter((r) => r.startsWith('7003'))).toEqual(['7003 record']);
    });

    it('updates that reach the page before the session asks for the grade are shown all the same', async () => {
      // The page takes the record in only after an update that shows the slow check running (a task
      // later): as when its thread was busy when the record came. No update follows until it is released.
      const listeners = new Set<Parameters<EngineClientPort['listen']>[0]>();
      const held: EngineReply[] = [];
      let updated = false;
      wire.page.listen((reply, ports) => {
        const deliver = (r: EngineReply) => listeners.forEach((l) => l(r, ports));
        if (reply.type === 'record' && !updated) return void held.push(reply);
        if (reply.type === 'update' && !updated && reply.report.checks.some((c) => c.status === 'running')) {
          updated = true;
          setTimeout(() => held.splice(0).forEach(deliver), 0);
        }
        deliver(reply);
      });
      const late: EngineClientPort = { post: (m, t) => wire.page.post(m, t), listen: (l) => (listeners.add(l), () => listeners.delete(l)) };
      const session = createLabSession(lab, { engine: () => late, progress });
      const running = session.getState().run();
      await until(() => session.getState().record !== null);
      await flush();
      expect(session.getState().report?.checks.find((c) => c.id === 'slow')?.status).toBe('running');
      release[0]!();
      await running;
      expect(session.getState().report?.status).toBe('pass');
    });

    it('once the plan has loaded, Run posts its messages in the same task, before anything the page renders', async () => {
      const posted: string[] = [];
      const post = wire.page.post;
      wire.page.post = (message, transfer) => (posted.push(message.type), post(message, transfer));
      const session = createLabSession(lab, { engine: () => wire.page, progress });
      await until(() => session.getState().outline !== null);
      const running = session.getState().run();
      // Synchronously: no await between Run pressed and the engine told (a store update renders in a microtask).
      expect(posted.slice(-3)).toEqual(['begin', 'items', 'run']);
      await until(() => release.length === 1);
      release[0]!();
      await running;
      expect(session.getState().report?.status).toBe('pass');
    });

    it('a disposed session unloads its plan: the engine forgets it and the page drops its listeners', async () => {
      let listening = 0;
      const listen = wire.page.listen;
      wire.page.listen = (listener) => {
        listening++;
        const stop = listen(listener);
        return () => (listening--, stop());
      };
      const planIds: number[] = [];
      const post = wire.page.post;
      wire.page.post = (message, transfer) => (message.type === 'load' && planIds.push(message.planId), post(message, transfer));
      const session = createLabSession(lab, { engine: () => wire.page, progress });
      const running = session.getState().run();
      await until(() => release.length === 1);
      release[0]!();
      await running;
      expect(listening).toBeGreaterThan(0);
      session.getState().dispose();
      expect(listening).toBe(0);

      const replies: string[] = [];
      wire.page.listen((reply) => void (reply.type === 'run-failed' && replies.push(reply.message)));
      wire.page.post({ type: 'begin', planId: planIds[0]!, runId: 424242 });
      wire.page.post({ type: 'run', runId: 424242, settings: {}, grade: { order: [], initial: { status: 'running', checks: [] } } });
      await until(() => replies.length === 1);
      expect(replies[0]).toMatch(/no such Run/);
    });

    it('Cancel ends the grade at once as cancelled, and the engine closes the Run', async () => {
      const session = createLabSession(lab, { engine: () => wire.page, progress });
      const running = session.getState().run();
      await until(() => release.length === 1);
      session.getState().cancel();
      await running;
      expect(session.getState().report?.status).toBe('cancelled');
      expect(session.getState().phase).toBe('idle');
      await until(() => sessions[0]!.closed);
    });

    it('a blocking error from the engine stops the grade before any check', async () => {
      const session = createLabSession(lab, { engine: () => wire.page, progress });
      session.getState().editFile('notes.md', '');
      await session.getState().run();
      expect(session.getState().report).toMatchObject({ status: 'error', message: 'notes.md is empty.' });
      expect(release).toHaveLength(0);
    });

    it('an engine that fails mid-grade ends it with a message, not a hang, and the next Run gets a new engine', async () => {
      let engines = 0;
      const session = createLabSession(lab, { engine: () => (engines++, wire.page), progress });
      const running = session.getState().run();
      await until(() => release.length === 1);
      // What the page's engine instance delivers when the worker dies.
      wire.engine.post({ type: 'crashed', message: 'boom' });
      await running;
      expect(session.getState().report?.status).toBe('error');
      expect(session.getState().report?.message).toMatch(/lab engine failed \(boom\)/);
      expect(engines).toBe(1);

      // The dead engine's port goes nowhere; the page's instance makes a new worker on next use.
      stopServing();
      wire.close();
      wire = connect();
      serve({ host: fakeHost, loadKind: async () => notesKind as unknown as LabKind, loadChecks: async () => checks as LabCheck<unknown>[] });
      const again = session.getState().run();
      await until(() => release.length === 2);
      release[1]!();
      await again;
      expect(engines).toBe(2);
      expect(session.getState().report?.status).toBe('pass');
    });
  });

  it('a long number column crosses packed (transferred) and arrives as the same plain array', async () => {
    const values = Array.from({ length: 5000 }, (_, i) => i * 0.5);
    const columnKind: LabKind = {
      id: 'handler',
      run: async () => ({ invocation: 'queryData', durationMs: 0, output: { ok: true, value: { responses: { A: { frames: [{ schema: { fields: [{ name: 'v', type: 'number' }] }, data: { values: [values] } }] } } } } }) as unknown as RunRecordBase,
      blockingError: () => undefined,
      markers: () => [],
      checkContext: () => ({}),
    };
    serve({ host: { session: () => ({ run: async () => ({}), close() {} }) } as unknown as SandboxHost, loadKind: async () => columnKind, loadChecks: async () => [] });
    const lab = labById('week-2/first-query-path');
    // What the engine transfers instead of copying.
    const transferred: number[] = [];
    const post = wire.engine.post;
    wire.engine.post = (message, transfer = []) => (message.type === 'record' && transferred.push(transfer.length), post(message, transfer));
    const session = createLabSession(sessionLab(lab), { engine: () => wire.page, progress });
    await session.getState().run();
    expect(transferred).toEqual([1]);
    const record = session.getState().record as unknown as { output: { value: { responses: { A: { frames: { data: { values: unknown[] } }[] } } } } };
    const column = record.output.value.responses.A.frames[0]!.data.values[0];
    expect(Array.isArray(column)).toBe(true);
    expect(column).toEqual(values);
  });

  it('the engine answers every Run and every grade, even one it cannot run (a bad order) or of a Run it does not know', async () => {
    const recordKind: LabKind = {
      id: 'handler',
      run: async () => ({ invocation: 'queryData', durationMs: 0, output: { ok: true, value: { responses: {} } } }) as unknown as RunRecordBase,
      blockingError: () => undefined,
      markers: () => [],
      checkContext: () => ({}),
    };
    serve({ host: { session: () => ({ run: async () => ({}), close() {} }), warmUp: async () => undefined } as unknown as SandboxHost, loadKind: async () => recordKind, loadChecks: async () => [] });
    const lab = labById('week-2/first-query-path');
    const ends = new Map<number, string>();
    wire.page.listen((reply) => {
      if (reply.type === 'graded') ends.set(reply.runId, `${reply.report.status}: ${reply.report.message}`);
      if (reply.type === 'run-failed') ends.set(reply.runId, `run-failed: ${reply.message}`);
    });
    const initial = { status: 'running' as const, checks: [] };
    wire.page.post({ type: 'load', planId: 9001, lab: { id: lab.id, meta: lab.meta }, kind: 'handler' });
    wire.page.post({ type: 'begin', planId: 9001, runId: 9002 });
    wire.page.post({ type: 'items', runId: 9002, files: lab.solution, progress: { labs: {} } });
    wire.page.post({ type: 'run', runId: 9002, settings: {}, grade: { order: [7], initial } });
    wire.page.post({ type: 'run', runId: 9003, settings: {}, grade: { order: [], initial } });
    for (let i = 0; i < 200 && ends.size < 2; i++) await new Promise((r) => setTimeout(r, 5));
    expect(ends.get(9002)).toMatch(/^error: The checks stopped: /);
    expect(ends.get(9003)).toMatch(/^run-failed: the lab engine has no such Run/);
  });

  it('checks that do not load: the session says so and Retry loads again', async () => {
    let fails = 1;
    serve({
      loadChecks: async (id) => {
        if (fails-- > 0) throw new TypeError('Failed to fetch dynamically imported module');
        return labChecks(id);
      },
    });
    const lab = labById('week-2/first-query-path');
    const session = createLabSession(sessionLab(lab), { engine: () => wire.page, progress });
    for (let i = 0; i < 100 && !session.getState().loadError; i++) await new Promise((r) => setTimeout(r, 5));
    expect(session.getState().loadError).toMatch(/Failed to fetch dynamically imported module/);
    await session.getState().retry();
    expect(session.getState().loadError).toBeNull();
    expect(session.getState().outline?.length).toBeGreaterThan(0);
  });
});
