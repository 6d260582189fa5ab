/**
 * The `dockerfile` artifact simulation: the lab's Dockerfile and .dockerignore through
 * the image model of lib/simulations/dockerfile (parsed with dockerfile-ast, the context
 * filtered with Docker's .dockerignore matcher, each stage built on a layered virtual
 * filesystem, then rebuilt after a code-only change). No Docker engine runs.
 *
 * Every error diagnostic (an unknown instruction, unclosed JSON, a COPY of a file the
 * context lacks, a user the image does not have) is a file error at its line, so the
 * editor marks it and the checks are skipped with one message. Otherwise the result is
 * the engine's picture: plain data for the Worker boundary, secret values masked.
 */
import type { ArtifactSimulation } from '../simulation';
import type { FileError } from '../common';
import { baseCatalogue } from '@/lib/simulations/dockerfile/content';
import { CODE_CHANGE } from '@/lib/simulations/dockerfile/cache';
import { expectedBinaryPath, labReport } from '@/lib/simulations/dockerfile/lab';
import { picture } from '@/lib/simulations/dockerfile/picture';
import type { DockerfileResult } from './result';

/** The .dockerignore Docker reads: the one beside the Dockerfile, at the context root. */
export const DOCKERIGNORE = '.dockerignore';

const NEEDS = 'a Dockerfile that parses and builds';

export const dockerfileSimulation: ArtifactSimulation = {
  id: 'dockerfile',
  async run({ artifact, files }) {
    const file = artifact.file;
    const report = labReport({ dockerfile: files[file] ?? '', dockerignore: files[DOCKERIGNORE] });
    const shown = picture(report);
    if (report.blocking) {
      const errors: FileError[] = shown.diagnostics
        .filter((d) => d.severity === 'error')
        // The kind appends its own ". Fix the file…" to the first message: no double stop.
        .map((d) => ({ file: d.file ?? file, line: d.line, column: d.column, message: d.message.replace(/\.$/, '') }));
      return { parse: { ok: false, errors: errors.length ? errors : [{ file, line: 1, column: 1, message: report.blocking }], needs: NEEDS }, result: null };
    }
    const result: DockerfileResult = {
      simulation: 'dockerfile',
      picture: shown,
      expectedBinaryPath: expectedBinaryPath(),
      catalogueAsOf: baseCatalogue().asOf,
      codeChange: CODE_CHANGE.map((c) => c.path).join(', '),
    };
    return { parse: { ok: true, errors: [] }, result };
  },
};
