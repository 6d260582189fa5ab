/**
 * What a run leaves behind, and the text of its log lines: the timers and message
 * channels a run opened (cleared when it ends), and log values as bounded text.
 * Split from worker-runtime.ts; like it, it captures what it calls when the bundle
 * loads, before any learner code runs.
 */
const apply = Reflect.apply;
const describe = Object.getOwnPropertyDescriptor;

/**
 * Wraps the global timer functions so every timer started while a run is active can be
 * cleared when it ends: in a shared worker, a `setInterval` left running would log
 * into, and slow, the runs after it.
 */
export function trackTimers(isRunning: () => boolean) {
  const live = new Set<unknown>();
  const add = Set.prototype.add;
  const g = globalThis as unknown as Record<string, (...args: unknown[]) => unknown>;
  const setTimeoutOf = g.setTimeout;
  const setIntervalOf = g.setInterval;
  const clearTimeoutOf = g.clearTimeout;
  const clearIntervalOf = g.clearInterval;
  g.setTimeout = function setTimeout(...args: unknown[]) {
    const id = apply(setTimeoutOf, globalThis, args);
    if (isRunning()) apply(add, live, [id]);
    return id;
  };
  g.setInterval = function setInterval(...args: unknown[]) {
    const id = apply(setIntervalOf, globalThis, args);
    if (isRunning()) apply(add, live, [id]);
    return id;
  };
  return {
    clearAll() {
      for (const id of live) {
        apply(clearTimeoutOf, globalThis, [id]);
        apply(clearIntervalOf, globalThis, [id]);
      }
      live.clear();
    },
  };
}

/**
 * Closes, when a run ends, every MessageChannel it opened: in a shared worker, a port
 * ping-pong left running would steal time from (and could talk to) the runs after it.
 */
export function trackChannels(isRunning: () => boolean) {
  const g = globalThis as unknown as { MessageChannel?: typeof MessageChannel };
  const Original = g.MessageChannel;
  const open: MessagePort[] = [];
  if (!Original) return { closeAll() {} };
  const close = MessagePort.prototype.close;
  const port1 = describe(Original.prototype, 'port1')?.get;
  const port2 = describe(Original.prototype, 'port2')?.get;
  const Tracked = function MessageChannel(this: unknown) {
    const channel = new Original();
    if (isRunning() && port1 && port2) open.push(apply(port1, channel, []) as MessagePort, apply(port2, channel, []) as MessagePort);
    return channel;
  } as unknown as typeof MessageChannel;
  Tracked.prototype = Original.prototype;
  g.MessageChannel = Tracked;
  return {
    closeAll() {
      for (let i = 0; i < open.length; i++) apply(close, open[i], []);
      open.length = 0;
    },
  };
}

/** Characters of one log message kept; the wire schema's limit (wire.ts) is 10,000. */
export const LOG_LINE_CHARS = 10_000;

/** A log message cut to LOG_LINE_CHARS, saying so and how long it was, so a 10 MB line is one clear entry. */
export function clipLogLine(text: string): string {
  if (text.length <= LOG_LINE_CHARS) return text;
  const note = ` … [cut: this line had ${text.length.toLocaleString('en')} characters; a log line keeps ${LOG_LINE_CHARS.toLocaleString('en')}]`;
  return text.slice(0, LOG_LINE_CHARS - note.length) + note;
}

export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function toFields(fields: unknown): Record<string, string | number | boolean | null> {
  if (typeof fields !== 'object' || fields === null) return {};
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(fields).slice(0, 50)) {
    out[key.slice(0, 200)] = value === null || typeof value === 'number' || typeof value === 'boolean' ? value : toText(value).slice(0, 2000);
  }
  return out;
}
