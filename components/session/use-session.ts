'use client';
/**
 * React bindings of a session (lib/session/): create it once per component, subscribe
 * with zustand's useStore, dispose it on unmount. Survives React's development
 * double-mount: a disposed session is replaced by a fresh one.
 */
import { useEffect, useState } from 'react';
import { useStore, type StoreApi } from 'zustand';

const disposed = new WeakSet<object>();

export function useOwnedSession<T extends { dispose(): void }>(create: () => StoreApi<T>): T {
  const [session, setSession] = useState(create);
  useEffect(() => {
    if (disposed.has(session)) {
      setSession(create());
      return;
    }
    return () => {
      disposed.add(session);
      session.getState().dispose();
    };
    // `create` is recreated every render; the session is what matters.
  }, [session]);
  return useStore(session);
}

/**
 * When a running grade's results render: on an animation frame at least 100 ms after the
 * update. Each render of the checks takes the page's thread for a few ms; once a frame,
 * they took half of it during a Run and slowed the Run itself on 2 cores (bench: warm run
 * loop median 95 -> 85 ms with the wait). Ten updates a second still reads as progress.
 */
export const GRADE_RENDER_INTERVAL_MS = 100;

export function scheduleGradeRender(apply: () => void): () => void {
  let frame = 0;
  const timer = setTimeout(() => (frame = requestAnimationFrame(apply)), GRADE_RENDER_INTERVAL_MS);
  return () => (clearTimeout(timer), cancelAnimationFrame(frame));
}
