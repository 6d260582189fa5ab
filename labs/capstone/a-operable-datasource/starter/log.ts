import type { LogFields, Logger } from '@lab/sdk';

/**
 * A logger that adds `fields` to every line it writes, on top of the fields each line
 * brings (a line's own field wins). Go: `logger.With("dsUID", uid, ...)` in the SDK's
 * `backend/log`.
 */
export function withFields(logger: Logger, fields: LogFields): Logger {
  return {
    debug: (message, own) => logger.debug(message, { ...fields, ...own }),
    info: (message, own) => logger.info(message, { ...fields, ...own }),
    warn: (message, own) => logger.warn(message, { ...fields, ...own }),
    error: (message, own) => logger.error(message, { ...fields, ...own }),
  };
}
