/** Problems the engine reports about a Dockerfile: data, never exceptions. */

/** One problem at a place in the Dockerfile. Lines and columns are 1-based. */
export interface DockerfileDiagnostic {
  severity: 'error' | 'warning';
  /** 1-based line of the instruction (or of the problem inside it). */
  line: number;
  /** 1-based column. */
  column: number;
  /** What happened, why it matters, and what to do. */
  message: string;
  /** Stable code for views and tests: 'unknown-instruction', 'json-unterminated'… */
  code: string;
  /** The file the line is in, when it is not the Dockerfile. */
  file?: '.dockerignore';
}

export function diag(
  code: string,
  line: number,
  column: number,
  message: string,
  severity: DockerfileDiagnostic['severity'] = 'error',
): DockerfileDiagnostic {
  return { code, line, column, message, severity };
}
