/** Finding rules beyond the content variants: each is decided by the model's behaviour. */
import { describe, expect, test } from 'vitest';
import { expectedBinaryPath, findingsOf, labReport } from './lab';

const report = (lines: string[], dockerignore?: string) => labReport({ dockerfile: lines.join('\n'), dockerignore });
const kinds = (lines: string[], dockerignore?: string) => [...new Set(report(lines, dockerignore).findings.map((f) => f.kind))].sort();

const BUILD = [
  'FROM golang:1.23-alpine AS build',
  'WORKDIR /src',
  'COPY go.mod go.sum ./',
  'RUN go mod download',
  'COPY pkg ./pkg',
  'RUN go build -o /out/gpx_lab_datasource_linux_amd64 ./pkg',
];
const SHIP = ['COPY --from=build /out/gpx_lab_datasource_linux_amd64 /var/lib/grafana/plugins/lab-upstream-datasource/'];
const DIGEST = 'sha256:' + 'c'.repeat(64);

test('the expected binary path follows plugin.json and the target platform', () => {
  expect(expectedBinaryPath()).toBe('/var/lib/grafana/plugins/lab-upstream-datasource/gpx_lab_datasource_linux_amd64');
});

describe('unpinned-base', () => {
  test('distroless :nonroot names no version: it needs a digest; scratch and earlier stages need nothing', () => {
    expect(kinds([...BUILD, 'FROM gcr.io/distroless/static-debian12:nonroot', ...SHIP])).toEqual(['unpinned-base']);
    expect(kinds([...BUILD, `FROM gcr.io/distroless/static-debian12:nonroot@${DIGEST}`, ...SHIP])).toEqual([]);
    expect(findingsOf(report(['FROM golang AS build', 'FROM build']), 'unpinned-base').map((f) => f.line)).toEqual([1]);
  });
});

describe('runs-as-root', () => {
  test('distroless nonroot runs as 65532 without a USER line; USER 0 is root; the finding names the USER line', () => {
    expect(kinds([...BUILD, `FROM gcr.io/distroless/static-debian12:nonroot@${DIGEST}`, ...SHIP, 'USER 0'])).toEqual(['runs-as-root']);
    const r = report([...BUILD, `FROM gcr.io/distroless/static-debian12:nonroot@${DIGEST}`, ...SHIP, 'USER 0']);
    expect(findingsOf(r, 'runs-as-root')[0].line).toBe(9);
    expect(findingsOf(report([...BUILD, 'FROM scratch', ...SHIP]), 'runs-as-root')[0]).toMatchObject({ line: 7, message: expect.stringContaining('sets no USER') });
  });
});

describe('secrets', () => {
  test('a token in a file written by RUN is found by its shape, with the line', () => {
    const r = report(['FROM alpine:3.20', 'RUN echo ghp_' + 'Z'.repeat(36) + ' > /app.conf', 'USER 65534']);
    expect(findingsOf(r, 'secret-file')).toMatchObject([{ line: 2, subjects: ['/app.conf'] }]);
    expect(JSON.stringify(r.findings)).not.toContain('Z'.repeat(36));
  });

  test('an ARG with a token default is a secret whatever its name; a secret file in a build stage is found too, named as such', () => {
    const r = report(['FROM golang:1.23-alpine AS build', 'ARG MODULE_AUTH=glc_' + 'q'.repeat(30), 'COPY .env /src/.env', 'FROM alpine:3.20', 'USER 65534']);
    expect(r.findings.map((f) => [f.kind, f.line])).toEqual([['secret-arg', 2], ['secret-file', 3], ['binary-missing', 5]]);
    expect(findingsOf(r, 'secret-file')[0].message).toContain('in build stage build');
  });

  test('ENV in a build stage does not reach the final image; in the final stage it does', () => {
    expect(findingsOf(report(['FROM alpine:3.20 AS b', 'ENV API_KEY=abc', 'FROM alpine:3.20', 'USER 65534']), 'secret-env')).toEqual([]);
    expect(findingsOf(report(['FROM alpine:3.20 AS b', 'ENV API_KEY=abc', 'FROM b', 'USER 65534']), 'secret-env')).toMatchObject([{ line: 2 }]);
  });
});

describe('deps-not-cached', () => {
  test('go build without go mod download downloads modules in the build layer, which a code change rebuilds', () => {
    const r = report(['FROM golang:1.23-alpine AS build', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'COPY pkg ./pkg', 'RUN CGO_ENABLED=0 go build -o /out/x ./pkg', 'FROM scratch']);
    expect(findingsOf(r, 'deps-not-cached')).toMatchObject([{ line: 5, message: expect.stringContaining('line 4 (COPY pkg ./pkg)') }]);
  });
});

describe('binary', () => {
  test('a binary made executable only for its owner runs when the final user owns it', () => {
    const ship = 'COPY --from=build --chown=65532:65532 --chmod=700 /out/gpx_lab_datasource_linux_amd64 /var/lib/grafana/plugins/lab-upstream-datasource/';
    expect(kinds([...BUILD, 'FROM alpine:3.20', ship, 'USER 65532'])).toEqual([]);
    expect(kinds([...BUILD, 'FROM alpine:3.20', ship, 'USER 65533'])).toEqual(['binary-not-runnable']);
  });
});

test('a build that fails blocks the findings with the line and the reason', () => {
  const r = report(['FROM alpine:3.20', 'COPY .env /x'], '.env');
  expect(r.blocking).toMatch(/^Line 2: COPY \.env: not in the build context because \.dockerignore excludes it/);
  expect(r.findings).toEqual([]);
});
