import { describe, expect, test } from 'vitest';
import { simulateBuild } from './build';
import { baseCatalogue, contextManifest } from './content';
import { shippedEntries } from './findings';

const build = (lines: string[], dockerignore?: string) => simulateBuild({ dockerfile: lines.join('\n'), dockerignore });
const MB = 1024 * 1024;

describe('ARG and ENV', () => {
  test('an ARG before FROM is visible to FROM only, until the stage declares it again', () => {
    const m = build([
      'ARG GO_VERSION=1.23',
      'FROM golang:${GO_VERSION}-alpine AS build',
      'LABEL before=${GO_VERSION}',
      'ARG GO_VERSION',
      'LABEL after=${GO_VERSION}',
    ]);
    expect(m.failure).toBeUndefined();
    expect(m.stages[0].base.ref.raw).toBe('golang:1.23-alpine');
    expect(m.stages[0].base.image?.ref).toBe('golang:1.23-alpine');
    expect(m.final?.config.labels).toEqual({ before: '', after: '1.23' });
    expect(m.globalArgs[0].usedOn).toEqual([2]);
  });

  test('build args override defaults; ENV wins over an ARG of the same name; defaults expand', () => {
    const m = simulateBuild({
      dockerfile: ['FROM alpine:3.20', 'ARG MODE=dev', 'ARG NAME', 'ENV NAME=from-env', 'ENV OUT=/opt/${MODE}/${NAME} UNSET=${NOPE:-fallback} ALT=${MODE:+set}'].join('\n'),
      buildArgs: { MODE: 'prod', NAME: 'from-arg' },
    });
    expect(m.final?.config.env).toMatchObject({ OUT: '/opt/prod/from-env', UNSET: 'fallback', ALT: 'set' });
  });

  test('RUN sees build args and ENV; inline assignments apply to one command', () => {
    const m = build(['FROM golang:1.23', 'ARG OUT=/out', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'COPY pkg ./pkg', 'RUN CGO_ENABLED=0 go build -o ${OUT}/a ./pkg && go build -o $OUT/b ./pkg']);
    expect(m.failure).toBeUndefined();
    expect(m.final?.fs.get('/out/a')?.binary).toEqual({ linkage: 'static' });
    expect(m.final?.fs.get('/out/b')?.binary).toEqual({ linkage: 'dynamic', libc: 'glibc' });
  });
});

describe('layers and sizes', () => {
  test('a file removed in a later layer is hidden but still shipped, and still counts in the size', () => {
    const m = build(['FROM alpine:3.20', 'COPY .env /tmp/.env', 'RUN rm /tmp/.env']);
    const final = m.final!;
    expect(final.fs.get('/tmp/.env')).toBeUndefined();
    expect(final.layers.map((l) => [l.line, l.layer?.removed])).toEqual([[2, []], [3, ['/tmp/.env']]]);
    expect(shippedEntries(m, final).find((s) => s.entry.path === '/tmp/.env')).toMatchObject({ line: 2, removedOn: 3 });
    const envSize = contextManifest().files.find((f) => f.path === '.env')!.size;
    expect(final.sizeBytes).toBe(7_800_000 + envSize);
  });

  test('a file added and removed in the same RUN leaves nothing in the layer', () => {
    const m = build(['FROM debian:bookworm-slim', 'RUN apt-get update && apt-get install -y ca-certificates && rm -rf /var/lib/apt/lists/*']);
    const layer = m.final!.layers[0].layer!;
    expect(layer.removed).toEqual([]);
    expect(layer.added.map((e) => e.path)).not.toContain('/var/lib/apt/lists/deb.debian.org_debian_dists_main_Packages');
    expect(m.final!.fs.get('/etc/ssl/certs/ca-certificates.crt')).toBeDefined();
  });

  test('sizes: base from the labelled catalogue plus every layer', () => {
    const m = build(['FROM golang:1.23-alpine', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go mod download']);
    const modules = contextManifest().go.modules.reduce((n, x) => n + x.sizeBytes, 0);
    const copied = contextManifest().files.filter((f) => f.path === 'go.mod' || f.path === 'go.sum').reduce((n, f) => n + f.size, 0);
    expect(m.final!.sizeBytes).toBe(257_000_000 + copied + modules);
    expect(modules).toBeGreaterThan(200 * MB);
    expect(m.sizesLabel).toMatch(/^approximate/);
    expect(baseCatalogue().images.map((i) => i.ref)).toEqual(expect.arrayContaining(['golang:1.23-alpine', 'golang:1.23', 'alpine:3.20', 'gcr.io/distroless/static-debian12:nonroot', 'debian:bookworm-slim', 'scratch', 'ubuntu:24.04']));
  });

  test('chmod of a lower layer file copies it up (the bytes count twice)', () => {
    const m = build(['FROM alpine:3.20', 'COPY README.md /app/', 'RUN chmod +x /app/README.md']);
    const [copy, chmod] = m.final!.layers;
    expect(chmod.layer?.sizeBytes).toBe(copy.layer?.sizeBytes);
    expect(m.final!.fs.get('/app/README.md')?.mode).toBe(0o755);
  });
});

describe('COPY', () => {
  test('directories copy their contents; globs and several sources need a directory destination', () => {
    const m = build(['FROM alpine:3.20', 'WORKDIR /w', 'COPY pkg ./pkg', 'COPY go.* /mods/', 'COPY plugin.json /etc/plugin-config.json']);
    const paths = m.final!.fs.list('/').map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/w/pkg/main.go', '/w/pkg/plugin/query.go', '/mods/go.mod', '/mods/go.sum', '/etc/plugin-config.json']));
  });

  test('a source excluded by .dockerignore fails the build and says why', () => {
    const m = build(['FROM alpine:3.20', 'COPY .env /x'], '.env\n');
    expect(m.failure).toMatchObject({ line: 2, message: expect.stringContaining('.dockerignore excludes it') });
    expect(m.context.ignored).toEqual(['.env']);
  });

  test('--chown needs a user the stage knows; --from reads an earlier stage or an image', () => {
    expect(build(['FROM alpine:3.20', 'COPY --chown=app README.md /']).failure?.message).toContain('no such user');
    const m = build(['FROM alpine:3.20 AS a', 'RUN adduser -D -u 1234 app', 'COPY --chown=app README.md /r', 'FROM scratch', 'COPY --from=a /r /r', 'COPY --from=alpine:3.20 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/']);
    expect(m.failure).toBeUndefined();
    expect(m.stages[0].fs.get('/r')).toMatchObject({ uid: 1234 });
    expect(m.final!.fs.get('/r')).toMatchObject({ uid: 0, origin: { kind: 'stage', stage: 'a' } });
    expect(m.final!.fs.get('/etc/ssl/certs/ca-certificates.crt')).toBeDefined();
    expect(build(['FROM scratch', 'COPY --from=nope /a /a']).failure?.message).toContain('no stage named "nope"');
  });
});

describe('RUN failures stop the build', () => {
  test.each([
    [['FROM scratch', 'RUN echo hi'], 'has no shell'],
    [['FROM alpine:3.20', 'RUN go build ./...'], 'go: not found'],
    [['FROM golang:1.23-alpine', 'RUN go build ./pkg'], 'go.mod file not found'],
    [['FROM golang:1.23-alpine', 'WORKDIR /s', 'COPY go.mod go.sum ./', 'COPY pkg/main.go pkg/', 'RUN go build ./pkg'], 'copy the whole pkg/ tree'],
    [['FROM alpine:3.20', 'RUN adduser -D app', 'USER app', 'RUN apk add --no-cache git'], 'needs root'],
    [['FROM debian:bookworm-slim', 'RUN apt-get install -y ca-certificates'], 'apt-get update first'],
    [['FROM alpine:3.20', 'RUN rm /nope'], "can't remove"],
  ])('%j', (lines, message) => {
    const m = build(lines);
    expect(m.failure?.line).toBe(lines.length);
    expect(m.failure?.message).toContain(message);
  });

  test('`||` recovers, an unknown command is recorded as not modelled', () => {
    const m = build(['FROM alpine:3.20', 'RUN rm /nope || true', 'RUN sed -i s/a/b/ /etc/passwd']);
    expect(m.failure).toBeUndefined();
    expect(m.final!.steps[1].notes[0]).toMatch(/"sed -i s\/a\/b\/" is not modelled/);
  });
});

describe('config', () => {
  test('user, workdir, entrypoint, cmd, ports, healthcheck; FROM an earlier stage inherits it all', () => {
    const m = build([
      'FROM gcr.io/distroless/static-debian12:nonroot AS base',
      'EXPOSE 8080',
      'FROM base',
      'WORKDIR app',
      'HEALTHCHECK NONE',
      'CMD serve',
      'ENTRYPOINT ["/bin/plugin"]',
    ]);
    expect(m.final?.config).toMatchObject({
      user: '65532', uid: 65532, workdir: '/home/nonroot/app', exposedPorts: ['8080'], healthcheck: 'none',
      entrypoint: { form: 'exec', argv: ['/bin/plugin'] }, cmd: { form: 'shell', argv: ['/bin/sh', '-c', 'serve'] },
    });
    expect(m.final?.base.stage).toBe(0);
  });

  test('USER with a name missing from /etc/passwd is an error (the container would not start)', () => {
    const m = build(['FROM alpine:3.20', 'USER app']);
    expect(m.diagnostics).toMatchObject([{ code: 'user-unknown', line: 2, severity: 'error' }]);
  });

  test('adduser flavours create users with the uid asked for, or the next free one', () => {
    const m = build(['FROM alpine:3.20', 'RUN addgroup -S app && adduser -S -G app app && adduser -D -u 4242 other', 'USER other']);
    expect(m.final!.users.slice(-2)).toEqual([{ name: 'app', uid: 100, gid: 100 }, { name: 'other', uid: 4242, gid: 4242 }]);
    expect(m.final!.config.uid).toBe(4242);
    const d = build(['FROM debian:bookworm-slim', 'RUN useradd -r -u 999 svc', 'USER svc:svc']);
    expect(d.final!.config.uid).toBe(999);
  });
});

test('Debian slim has useradd but no adduser; Alpine has adduser but no useradd', () => {
  expect(build(['FROM debian:bookworm-slim', 'RUN adduser --system app']).failure?.message).toContain('adduser: not found');
  expect(build(['FROM alpine:3.20', 'RUN useradd -r app']).failure?.message).toContain('useradd: not found');
});
