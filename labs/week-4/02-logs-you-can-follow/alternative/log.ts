import type { LogFields, Logger } from '@lab/sdk';

type Level = keyof Logger;
const LEVELS: Level[] = ['debug', 'info', 'warn', 'error'];

/** A logger that adds `fields` to every line (a line's own fields win). Go: `logger.With(...)`. */
export function withFields(logger: Logger, fields: LogFields): Logger {
  const out = {} as Logger;
  for (const level of LEVELS) out[level] = (message: string, own: LogFields = {}) => logger[level](message, Object.assign({}, fields, own));
  return out;
}
