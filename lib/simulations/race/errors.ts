import type { Pos } from './ast';

/**
 * A syntax error, or a construct outside the modelled subset, at a source position.
 * `message` reads "line 7, column 12: expected '{' after func()".
 */
export class GoSyntaxError extends Error {
  constructor(
    readonly pos: Pos,
    readonly detail: string,
  ) {
    super(`line ${pos.line}, column ${pos.col}: ${detail}`);
    this.name = 'GoSyntaxError';
  }
}

/** A Go runtime panic (`panic: assignment to entry in nil map`), or a fatal error when `fatal`. */
export class GoPanic extends Error {
  constructor(
    message: string,
    readonly fatal = false,
  ) {
    super(message);
    this.name = 'GoPanic';
  }
}

/**
 * Something the program does that Go would reject at compile time or that the model
 * cannot run (an undefined name, a wrong type). Reported with its line, never a crash.
 */
export class ModelError extends Error {
  constructor(
    readonly pos: Pos,
    readonly detail: string,
  ) {
    super(`line ${pos.line}, column ${pos.col}: ${detail}`);
    this.name = 'ModelError';
  }
}
