/** Whatever the learner types, the engine answers with data: never an exception. */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { labReport } from './lab';
import { picture } from './picture';

const LINES = [
  'FROM golang:1.23-alpine AS build', 'FROM alpine:3.20', 'FROM scratch', 'FROM build', 'WORKDIR /src', 'COPY . .', 'COPY go.mod go.sum ./',
  'COPY --from=build /out/x /x', 'RUN go mod download', 'RUN go build -o /out/x ./pkg', 'RUN rm -rf /src', 'RUN adduser -D app', 'USER app',
  'USER 65532', 'ARG TOKEN', 'ENV A=$TOKEN', 'CMD ["/x"', 'ENTRYPOINT /x', 'EXPOSE 80', 'HEALTHCHECK CMD', 'FORM x', 'RUN cd /nope && ls', '\\', '"', '[',
];

test('random Dockerfiles give a report (findings, or a blocking message at a line), never a throw', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 40 })), { maxLength: 14 }), fc.option(fc.string({ maxLength: 30 }), { nil: undefined }), (lines, ignore) => {
      const report = labReport({ dockerfile: lines.join('\n'), dockerignore: ignore });
      if (report.blocking) expect(report.blocking).toMatch(/^(Line \d+: |The Dockerfile builds no image)/);
      expect(() => JSON.stringify(picture(report))).not.toThrow();
    }),
    { numRuns: 60, seed: 3 },
  );
});

test('random arrangements of real instructions build or stop at a line, never throw', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...LINES.slice(0, 21)), { minLength: 1, maxLength: 12 }), (lines) => {
      const report = labReport({ dockerfile: ['FROM alpine:3.20', ...lines].join('\n') });
      if (report.blocking) expect(report.blocking).toMatch(/^Line \d+: /);
      else for (const f of report.findings) expect(f.line).toBeGreaterThan(0);
    }),
    { numRuns: 80, seed: 7 },
  );
});

test('a .dockerignore pattern the matcher cannot read is skipped with a warning at its line', () => {
  const report = labReport({ dockerfile: 'FROM alpine:3.20\nUSER 65534', dockerignore: '.git\n(\n' });
  expect(report.model.diagnostics).toMatchObject([{ code: 'dockerignore-pattern', file: '.dockerignore', line: 2, severity: 'warning' }]);
  expect(report.model.context.ignored).toEqual(['.git/HEAD', '.git/config', '.git/index', '.git/objects/pack/pack-3f9c2e.pack']);
});
