/**
 * The two kinds of variable expansion the lab's files go through.
 *
 * Compose interpolation (compose-spec "Interpolation"): `${VAR}`, `$VAR`,
 * `${VAR:-default}` (default when unset or empty), `${VAR-default}` (when unset),
 * `${VAR:?message}` / `${VAR?message}` (an error), `$$` for a literal `$`. Values come
 * from the shell environment first, then the project's `.env` file. An unset variable
 * becomes "" with a warning, as `docker compose` prints one.
 *
 * Grafana's provisioning expansion (Grafana docs, "Provision Grafana", "Using
 * environment variables"): `$VAR`, `${VAR}` and `$__env{VAR}` in a provisioning file are replaced
 * from Grafana's own process environment (the container's), unset ones by "". No
 * defaults, no `$$` escape (Grafana writes `$$` for a literal `$` too).
 */

export interface Expansion {
  text: string;
  /** Variables that were referenced but had no value. */
  unset: string[];
  /** `${VAR:?msg}` with VAR unset: the message (compose up refuses to start). */
  required?: string;
}

const COMPOSE_VAR = /\$(\$)|\$\{([A-Za-z_]\w*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_]\w*)/g;

export function interpolateCompose(text: string, env: Record<string, string | undefined>): Expansion {
  const unset: string[] = [];
  let required: string | undefined;
  const out = text.replace(COMPOSE_VAR, (_all, dollar, braced, op, arg, bare) => {
    if (dollar) return '$';
    const name = braced ?? bare;
    const value = env[name];
    const empty = value === undefined || value === '';
    switch (op) {
      case ':-': return empty ? arg : value!;
      case '-': return value === undefined ? arg : value;
      case ':+': return empty ? '' : arg;
      case '+': return value === undefined ? '' : arg;
      case ':?':
      case '?':
        if (op === ':?' ? empty : value === undefined) required ??= `required variable ${name} is missing a value: ${arg || name}`;
        return value ?? '';
      default:
        if (value === undefined) unset.push(name);
        return value ?? '';
    }
  });
  return { text: out, unset, required };
}

const GRAFANA_VAR = /\$\$|\$__env\{([A-Za-z_]\w*)\}|\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g;

export function expandGrafanaEnv(text: string, env: Record<string, string | undefined>): Expansion {
  const unset: string[] = [];
  const out = text.replace(GRAFANA_VAR, (all, envForm, braced, bare) => {
    if (all === '$$') return '$';
    const name = envForm ?? braced ?? bare;
    if (env[name] === undefined) unset.push(name);
    return env[name] ?? '';
  });
  return { text: out, unset };
}

/** Parses a `.env` file: KEY=VALUE lines, # comments, optional quotes. */
export function parseDotEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_]\w*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2].trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    env[m[1]] = value;
  }
  return env;
}
