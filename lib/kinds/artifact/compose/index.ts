/**
 * The `compose` artifact simulation: the lab's docker-compose.yml, provisioning files
 * and .env through the `docker compose up` model of lib/simulations/compose (YAML and
 * the Compose JSON schema are real; containers, health checks and Grafana are modelled
 * in virtual time). No Docker engine runs.
 *
 * A YAML error, a key the Compose schema refuses, invalid JSON or a file `docker
 * compose` would refuse (an undefined dependency) is a file error at its line: the
 * editor marks it and the checks are skipped with one message. Options: `seed`,
 * `env` (the shell environment, over .env), `dotenv` (variables changed in .env, as
 * if the file were edited), `warmupMs` (force a role's warm-up).
 */
import type { ArtifactSimulation } from '../simulation';
import { composeLab } from '@/lib/simulations/compose';
import type { ComposeResult } from './result';

const NEEDS = 'a docker-compose.yml and provisioning files that parse and that the Compose specification accepts';

export const composeSimulation: ArtifactSimulation = {
  id: 'compose',
  async run({ artifact, files, options }) {
    const seed = typeof options.seed === 'number' ? options.seed : artifact.seed;
    const env = options.env && typeof options.env === 'object' ? (options.env as Record<string, string>) : undefined;
    const dotenv = options.dotenv && typeof options.dotenv === 'object' ? (options.dotenv as Record<string, string>) : undefined;
    const warmupMs = options.warmupMs && typeof options.warmupMs === 'object' ? (options.warmupMs as Record<string, number>) : undefined;
    const { errors, report } = composeLab(files, { seed, env, dotenv, warmupMs });
    if (errors.length || !report) return { parse: { ok: false, errors, needs: NEEDS }, result: null };
    const result: ComposeResult = { simulation: 'compose', ...report };
    return { parse: { ok: true, errors: [] }, result };
  },
};
