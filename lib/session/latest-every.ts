/**
 * Passes on the first value at once, then at most one every `intervalMs`: the latest, if
 * any came since (earlier ones are dropped). `stop` drops what is held and ends the timer;
 * the caller sends its final value itself. For progress that is drawn, not read one by one
 * (a running grade's reports).
 */
export function latestEvery<T>(intervalMs: number, send: (value: T) => void): { update(value: T): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let held: { value: T } | undefined;
  const tick = () => {
    if (held === undefined) {
      timer = undefined;
      return;
    }
    const { value } = held;
    held = undefined;
    timer = setTimeout(tick, intervalMs);
    send(value);
  };
  return {
    update(value) {
      held = { value };
      if (timer === undefined) tick();
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      held = undefined;
    },
  };
}
