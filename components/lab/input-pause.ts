/**
 * Waiting for the learner to pause: work that holds the page's thread for a while (the
 * first evaluation of @grafana/ui, components/frames/lazy-frames.tsx) waits until nobody
 * has typed, clicked or scrolled for a moment, so it does not land between two keystrokes.
 */

/** The input that restarts the wait: keys, pointer presses, the wheel. */
const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * Resolves once `target` (the window) has seen no keyboard, pointer or wheel input for
 * `quietMs` milliseconds in a row. Listens in the capture phase, so an editor that stops
 * its keys' propagation still counts as typing.
 */
export function afterInputPause(quietMs: number, target: EventTarget = window): Promise<void> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout>;
    const done = () => {
      for (const type of INPUT_EVENTS) target.removeEventListener(type, restart, true);
      resolve();
    };
    function restart() {
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    }
    for (const type of INPUT_EVENTS) target.addEventListener(type, restart, { capture: true, passive: true });
    timer = setTimeout(done, quietMs);
  });
}
