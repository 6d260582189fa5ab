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

/** The browser's frame clock: a running grade's results render at most once a frame. */
export function scheduleFrame(apply: () => void): () => void {
  const id = requestAnimationFrame(apply);
  return () => cancelAnimationFrame(id);
}
