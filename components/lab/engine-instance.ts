'use client';
/**
 * The tab's lab engine (docs/decisions/0009-engine-worker.md): one Worker serves every lab
 * session of the tab, made on first use. The page's part is the one thing a worker cannot
 * do: make each sandbox's frame (lib/runtime/sandbox/browser-sandbox.ts) and connect it to
 * the channel end the engine sent, then remove it when the engine says so.
 */
import { openSandboxFrame } from '@/lib/runtime/sandbox/browser-sandbox';
import type { EngineClientPort } from '@/lib/session/engine-client';
import type { EngineReply } from '@/lib/session/engine-protocol';

let instance: EngineClientPort | null = null;

function startEngine(): EngineClientPort {
  const worker = new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module' });
  const frames = new Map<number, () => void>();
  const listeners = new Set<(reply: EngineReply, ports: readonly MessagePort[]) => void>();
  const deliver = (reply: EngineReply, ports: readonly MessagePort[] = []) => {
    for (const listener of [...listeners]) listener(reply, ports);
  };
  /** Whether the worker's script has run (its `ready`). */
  let started = false;
  worker.addEventListener('message', (event: MessageEvent<EngineReply>) => {
    const reply = event.data;
    if (reply.type === 'ready') {
      started = true;
      return;
    }
    if (reply.type === 'spawn') {
      const port = event.ports[0];
      if (port) frames.set(reply.sandboxId, openSandboxFrame(port));
      return;
    }
    if (reply.type === 'destroy') {
      frames.get(reply.sandboxId)?.();
      frames.delete(reply.sandboxId);
      return;
    }
    deliver(reply, event.ports);
  });
  const crashed = (message: string) => {
    // A worker that failed cannot answer: the next use starts a new one.
    if (instance === port) instance = null;
    for (const remove of frames.values()) remove();
    frames.clear();
    worker.terminate();
    deliver({ type: 'crashed', message });
  };
  worker.addEventListener('error', (event) => {
    // Before `ready` the engine never started (a chunk did not load, its top level threw).
    // After it, an uncaught error is one step's bug: the server answers every step it can,
    // so the engine is kept for the other sessions and Runs, and the error is logged.
    if (!started) return crashed(event.message || 'its script did not load');
    event.preventDefault();
    console.error('The lab engine had an uncaught error:', event.message);
  });
  worker.addEventListener('messageerror', () => crashed('a message from it could not be read'));
  const port: EngineClientPort = {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return port;
}

export function getEngine(): EngineClientPort {
  instance ??= startEngine();
  return instance;
}

/** Starts the engine and its sandboxes with the page; resolves when one sandbox is ready (or the engine failed: the first Run then says why). */
export function warmEngine(): Promise<void> {
  const engine = getEngine();
  return new Promise((resolve) => {
    const stop = engine.listen((reply) => {
      if (reply.type !== 'warmed' && reply.type !== 'crashed') return;
      stop();
      resolve();
    });
    engine.post({ type: 'warm' });
  });
}
