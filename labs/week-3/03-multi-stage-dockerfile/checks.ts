/**
 * Checks for "A multi-stage Dockerfile". Each one builds the image model of the
 * learner's Dockerfile and .dockerignore (lib/simulations/dockerfile: every stage on a
 * layered filesystem, then a second build after a code-only change) and asserts on
 * what the image holds, runs as and reuses: the model's findings, each tied to the
 * line that caused it. None reads the Dockerfile's text, so an Alpine, distroless or
 * scratch final stage, any stage names and COPY --from by index all pass when the
 * image behaves right.
 */
import { fail } from '@/lib/checks/assert';
import type { LabCheck } from '@/lib/checks/types';
import type { ArtifactCheckContext } from '@/lib/kinds/artifact/record';
import type { DockerfileFinding, DockerfileResult } from '@/lib/kinds/artifact/dockerfile/result';

type Context = ArtifactCheckContext<DockerfileResult>;

/** The model of the image the learner's Dockerfile builds. */
async function image(ctx: Context): Promise<DockerfileResult> {
  const record = await ctx.simulate();
  if (!record.parse.ok) {
    const e = record.parse.errors[0];
    fail('a Dockerfile that parses and builds', `${e.file}:${e.line}: ${e.message}`);
  }
  if (record.simulation?.simulation !== 'dockerfile') fail('a model of the image', record.engineError ?? 'the simulation did not run');
  return record.simulation;
}

/** Fails with every finding of these kinds, each at its line. */
async function expectNone(ctx: Context, kinds: DockerfileFinding['kind'][], expected: string): Promise<void> {
  const hits = (await image(ctx)).picture.findings.filter((f) => kinds.includes(f.kind));
  if (hits.length) fail(expected, hits.map((f) => `line ${f.line}: ${f.message}`).join('\n'));
}

const checks: LabCheck<Context>[] = [
  {
    id: 'no-toolchain-in-final',
    task: 1,
    title: 'The final image has no Go toolchain or C compiler',
    hint: 'Compile in a build stage, then start a second stage FROM a small runtime image and copy only what runs into it.',
    run: (ctx) => expectNone(ctx, ['toolchain-in-final'], 'a final image without a compiler'),
  },
  {
    id: 'no-source-in-final',
    task: 1,
    title: 'No Go source, node_modules or Git history in any layer of the final image',
    hint: 'Copy the binary (and plugin.json) into the final stage, not a directory of the repository. Deleting files in a later layer does not take them out of the image.',
    run: (ctx) => expectNone(ctx, ['source-in-final'], 'a final image whose layers hold no source tree or build inputs'),
  },
  {
    id: 'binary-runs-from-plugin-dir',
    task: 2,
    title: 'The backend binary is where plugin.json says, and it can run',
    hint: "Grafana runs <plugin directory>/<plugin.json's executable>_linux_amd64. Keep the execute bit for the final user, and link statically (CGO_ENABLED=0) when the final image has a different C library or none.",
    run: (ctx) => expectNone(ctx, ['binary-missing', 'binary-not-runnable'], 'a runnable binary at the path Grafana looks for'),
  },
  {
    id: 'ca-certificates',
    task: 2,
    title: 'The final image trusts public CAs, so HTTPS calls to the upstream work',
    hint: 'Images with no CA bundle make every TLS handshake fail. Install the ca-certificates package, or copy /etc/ssl/certs/ca-certificates.crt from a stage that has it.',
    run: (ctx) => expectNone(ctx, ['no-ca-certs'], 'the CA bundle /etc/ssl/certs/ca-certificates.crt in the final image'),
  },
  {
    id: 'non-root-user',
    task: 3,
    title: 'The container runs as a user other than root',
    hint: 'End the final stage with a USER whose uid is not 0: one you create, an existing unprivileged account, or a numeric uid. Check what the base image uses when you set none.',
    run: (ctx) => expectNone(ctx, ['runs-as-root'], 'a final image that runs as a non-zero uid'),
  },
  {
    id: 'no-secret-files',
    task: 4,
    title: 'No secret file in any layer, even one deleted later',
    hint: 'Keep .env, keys and tokens out of the build context with .dockerignore. A file removed by a later RUN is still in the layer that added it, and a build stage\'s layers stay in the build cache.',
    run: (ctx) => expectNone(ctx, ['secret-file'], 'no layer, in the final image or a build stage, holding a secret file'),
  },
  {
    id: 'no-secret-args-or-env',
    task: 4,
    title: 'No secret passed as a build argument or baked into ENV',
    hint: 'Build arguments land in the image history and ENV in its config, where anyone with the image can read them. Use RUN --mount=type=secret at build time and set credentials when the container starts.',
    run: (ctx) => expectNone(ctx, ['secret-arg', 'secret-env'], 'no secret in ARG or ENV'),
  },
  {
    id: 'bases-pinned',
    task: 5,
    title: 'Every pulled base image is pinned to a version or a digest',
    hint: 'A tag with no version (latest, nonroot) or no tag at all can point at a different image tomorrow. Name a version, or better, a digest (@sha256:…).',
    run: (ctx) => expectNone(ctx, ['unpinned-base'], 'every FROM image pinned by a versioned tag or a digest'),
  },
  {
    id: 'deps-layer-reused',
    task: 6,
    title: 'After a code-only change, the Go modules come from the cache',
    hint: 'Copy go.mod and go.sum on their own, download the modules, and only then copy the source: a layer is reused only while everything before it is unchanged.',
    async run(ctx) {
      const result = await image(ctx);
      if (!result.picture.cacheAfterCodeChange) fail(`a second build after editing ${result.codeChange}`, 'the model did not rebuild the image');
      await expectNone(ctx, ['deps-not-cached'], `no module download in the second build after editing ${result.codeChange}`);
    },
  },
];

export default checks;
