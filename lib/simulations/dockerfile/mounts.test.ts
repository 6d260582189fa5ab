/** RUN --mount and the other ways a correct Dockerfile may differ from the lab's solution. */
import { describe, expect, test } from 'vitest';
import { simulateBuild } from './build';
import { findingsOf, labReport } from './lab';
import { parseMount } from './mounts';

const lines = (...l: string[]) => l.join('\n');
const kinds = (dockerfile: string, dockerignore?: string) => [...new Set(labReport({ dockerfile, dockerignore }).findings.map((f) => f.kind))].sort();
const PLUGIN = '/var/lib/grafana/plugins/lab-upstream-datasource';
const BINARY = `${PLUGIN}/gpx_lab_datasource_linux_amd64`;
const DIGEST = 'sha256:' + 'd'.repeat(64);

test('parseMount: type defaults to bind, a relative target is under WORKDIR, a secret defaults to /run/secrets/<id>', () => {
  expect(parseMount('target=go.sum,source=go.sum', '/src')).toMatchObject({ type: 'bind', target: '/src/go.sum', source: 'go.sum' });
  expect(parseMount('type=cache,target=/go/pkg/mod/', '/')).toMatchObject({ type: 'cache', target: '/go/pkg/mod', id: '/go/pkg/mod' });
  expect(parseMount('type=secret,id=netrc', '/')).toMatchObject({ type: 'secret', target: '/run/secrets/netrc' });
  expect(parseMount('type=volume,target=/x', '/')).toMatchObject({ error: expect.stringContaining('unknown mount type') });
  expect(parseMount('type=cache', '/')).toMatchObject({ error: expect.stringContaining('needs target=') });
});

describe('RUN --mount', () => {
  // The layout of `docker init`'s Go template: bind-mount the module files, keep modules in a cache mount.
  const template = lines(
    'FROM golang:1.23-alpine AS build',
    'WORKDIR /src',
    'RUN --mount=type=cache,target=/go/pkg/mod/ --mount=type=bind,source=go.sum,target=go.sum --mount=type=bind,source=go.mod,target=go.mod go mod download',
    'RUN --mount=type=cache,target=/go/pkg/mod/ --mount=type=bind,target=. go build -o /bin/gpx_lab_datasource_linux_amd64 ./pkg',
    `FROM gcr.io/distroless/static-debian12:nonroot@${DIGEST}`,
    `COPY --from=build /bin/gpx_lab_datasource_linux_amd64 ${PLUGIN}/`,
  );

  test('bind and cache mounts are seen by the RUN and kept out of its layer', () => {
    const m = simulateBuild({ dockerfile: template });
    expect(m.failure).toBeUndefined();
    const [download, build] = m.stages[0].steps.filter((s) => s.keyword === 'RUN');
    expect(download.layer?.added).toEqual([]);
    expect(build.layer?.added.map((e) => e.path).sort()).toEqual(['/bin/gpx_lab_datasource_linux_amd64', '/root/.cache/go-build/cache.db']);
    expect(m.stages[0].fs.list('/src').filter((e) => e.type === 'file')).toEqual([]);
  });

  test('with the modules in a cache mount a code change downloads nothing into a layer, and the bound source busts the build step', () => {
    const r = labReport({ dockerfile: template });
    expect(r.findings).toEqual([]);
    expect(r.codeChange?.steps.filter((s) => s.keyword === 'RUN').map((s) => s.status)).toEqual(['CACHED', 'rebuilt']);
  });

  test('a missing bind source fails the RUN at its line', () => {
    const m = simulateBuild({ dockerfile: lines('FROM golang:1.23-alpine', 'RUN --mount=type=bind,source=.env,target=/e true'), dockerignore: '.env' });
    expect(m.failure).toMatchObject({ line: 2, message: expect.stringContaining('.dockerignore excludes it') });
  });
});

describe('other correct ways to write it', () => {
  const build = ['FROM golang:1.22-alpine AS compile', 'WORKDIR /w', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY pkg pkg', 'RUN go build -o /out/gpx_lab_datasource_linux_amd64 ./pkg'];

  test('an unlisted alpine Go tag is modelled on the alpine entry (no gcc: a static binary)', () => {
    const m = simulateBuild({ dockerfile: lines(...build) });
    expect(m.stages[0].base.image?.ref).toBe('golang:1.23-alpine');
    expect(m.final?.fs.get('/out/gpx_lab_datasource_linux_amd64')?.binary).toEqual({ linkage: 'static' });
  });

  test('scratch with /etc/passwd copied from the build stage knows its users; COPY --from by index', () => {
    expect(kinds(lines(...build, 'FROM scratch', 'COPY --from=0 /etc/passwd /etc/passwd', 'COPY --from=0 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/', `COPY --from=0 /out/ ${PLUGIN}/`, 'USER nobody'))).toEqual([]);
  });

  test('COPY --chmod takes octal or symbolic modes; a+x runs for anyone, u+x only for the owner', () => {
    const ship = (mode: string) => lines(...build, 'FROM alpine:3.20', `COPY --from=compile --chmod=${mode} /out/gpx_lab_datasource_linux_amd64 ${BINARY}`, 'USER 65534');
    expect(kinds(ship('0555'))).toEqual([]);
    expect(kinds(ship('a+x'))).toEqual([]);
    expect(kinds(ship('u+x'))).toEqual(['binary-not-runnable']);
    expect(simulateBuild({ dockerfile: ship('rwx') }).failure?.message).toContain('not a mode');
  });

  test("a distribution's Go package is a compiler in the final image too", () => {
    const r = labReport({ dockerfile: lines('FROM alpine:3.20', 'RUN apk add --no-cache go', 'WORKDIR /s', 'COPY go.mod go.sum ./', 'COPY pkg pkg', `RUN CGO_ENABLED=0 go build -o ${BINARY} ./pkg && rm -rf /s`, 'USER 65534') });
    expect(findingsOf(r, 'toolchain-in-final')).toMatchObject([{ line: 2, subjects: ['/usr/lib/go/bin/go'] }]);
    expect(findingsOf(r, 'source-in-final')).toMatchObject([{ line: 5 }]);
  });

  test('an ENV that copies a secret build arg is a secret in the config, whatever its own name', () => {
    const r = labReport({ dockerfile: lines(...build, 'FROM alpine:3.20', 'ARG API_TOKEN', 'ENV UPSTREAM_AUTH=$API_TOKEN', `COPY --from=compile /out/ ${PLUGIN}/`, 'USER 65534') });
    expect(r.findings.map((f) => [f.kind, f.line])).toEqual([['secret-arg', 8], ['secret-env', 9]]);
  });

  test('distroless base (glibc) runs a cgo binary; Chainguard static runs as nonroot; a symlink into the plugin directory counts', () => {
    const cgo = ['FROM golang:1.23 AS b', 'WORKDIR /w', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY pkg pkg', 'RUN go build -o /out/gpx_lab_datasource_linux_amd64 ./pkg'];
    expect(kinds(lines(...cgo, `FROM gcr.io/distroless/base-debian12:nonroot@${DIGEST}`, `COPY --from=b /out/ ${PLUGIN}/`))).toEqual([]);
    expect(kinds(lines(...cgo, `FROM gcr.io/distroless/static-debian12:nonroot@${DIGEST}`, `COPY --from=b /out/ ${PLUGIN}/`))).toEqual(['binary-not-runnable']);
    expect(kinds(lines(...build, `FROM cgr.dev/chainguard/static@${DIGEST}`, `COPY --from=compile /out/ ${PLUGIN}/`))).toEqual([]);
    expect(kinds(lines(...build, 'FROM alpine:3.20', 'COPY --from=compile /out/gpx_lab_datasource_linux_amd64 /usr/local/bin/', `RUN mkdir -p ${PLUGIN} && ln -s /usr/local/bin/gpx_lab_datasource_linux_amd64 ${BINARY}`, 'USER 65534'))).toEqual([]);
  });
});
