/**
 * Middleware for a plugin's resource handler (the HTTP routes a backend plugin
 * serves to its own frontend): access log, crash recovery, API key auth and a rate
 * limit per caller, each a small function that wraps the next handler.
 */

/** The time source you are given. Use it instead of Date.now(), so tests can move time. */
export interface Clock {
  now(): number;
}

export interface ResourceRequest {
  method: string;
  path: string;
  /** Header names are lower case, e.g. `authorization`. */
  headers: Record<string, string>;
  /** Who is calling: set by withAuth for the handlers after it. */
  user?: string;
}

export interface ResourceResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export type Handler = (req: ResourceRequest) => Promise<ResourceResponse>;
export type Middleware = (next: Handler) => Handler;

/** One line of the access log. */
export interface AccessLogEntry {
  method: string;
  path: string;
  status: number;
  /** How long the request took, by the clock. */
  durationMs: number;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): ResourceResponse => ({
  status,
  body: JSON.stringify(body),
  ...(headers ? { headers } : {}),
});

/** chain(a, b, c)(handler) is a(b(c(handler))): the first middleware listed sees the request first. */
export function chain(...middlewares: Middleware[]): Middleware {
  // TODO: compose so that the first middleware listed sees the request first.
  return (handler) => handler;
}

/** Logs every request once, with the status it ended with and how long it took. */
export function withLogging(log: (entry: AccessLogEntry) => void, clock: Clock): Middleware {
  // TODO: log every request once, with its final status and duration.
  return (next) => next;
}

/** Turns anything thrown below into a 500 that tells the caller nothing about the cause. */
export function withRecovery(): Middleware {
  // TODO: turn a thrown error into a 500 that does not reveal it.
  return (next) => next;
}

/** Accepts `Authorization: Bearer <token>` for a known token and tells the handlers who is calling. */
export function withAuth(tokens: Record<string, string>): Middleware {
  // TODO: check the bearer token; set req.user; otherwise 401.
  return (next) => next;
}

/**
 * At most `limit` requests per caller in each window of `windowMs`; a caller's window
 * starts with its first request. Over the limit: 429 with Retry-After in whole seconds.
 */
export function withRateLimit(options: { limit: number; windowMs: number; clock: Clock }): Middleware {
  // TODO: at most `limit` requests per user per window; otherwise 429 with Retry-After.
  return (next) => next;
}

export interface ResourceDeps {
  /** API keys and the user each belongs to. */
  tokens: Record<string, string>;
  log: (entry: AccessLogEntry) => void;
  clock: Clock;
  limit: number;
  windowMs: number;
}

/**
 * The handler the plugin serves: `handler` wrapped in all four middleware. The order
 * matters. Ask of each one: must it see a crash? must it know who is calling? should a
 * request that is turned away still count?
 */
export function buildResourceHandler(handler: Handler, deps: ResourceDeps): Handler {
  // TODO: put the middleware together, in the right order.
  return handler;
}
