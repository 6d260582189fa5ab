import { describe, expect, test } from 'vitest';
import { MAX_DOCKERFILE_BYTES, parseDockerfile } from './parse';
import { simulateBuild } from './build';
import { labReport } from './lab';

const errors = (text: string) => parseDockerfile(text).diagnostics.filter((d) => d.severity === 'error');

describe('parseDockerfile', () => {
  test('reads stages, flags, JSON and shell forms', () => {
    const p = parseDockerfile([
      'ARG GO=1.23',
      'FROM golang:${GO}-alpine AS build',
      'COPY --chown=10001:10001 --from=0 ["a b", "/c/"]',
      'RUN --mount=type=cache,target=/go/pkg/mod go mod download \\',
      '    && echo done',
      'ENV A=1 B="two words"',
      'LABEL org.opencontainers.image.source=https://example.test',
      'EXPOSE 8080/tcp 9090',
      'USER 65532:65532',
      'HEALTHCHECK --interval=30s CMD ["/bin/true"]',
      'ENTRYPOINT ["/app"]',
      'CMD --help',
      'FROM scratch AS final',
    ].join('\n'));
    expect(p.diagnostics).toEqual([]);
    expect(p.globalArgs).toMatchObject([{ keyword: 'ARG', name: 'GO', defaultValue: '1.23', line: 1 }]);
    expect(p.stages.map((s) => [s.from.image, s.from.stageName, s.from.line])).toEqual([['golang:${GO}-alpine', 'build', 2], ['scratch', 'final', 13]]);
    const [copy, run, env, , expose, user, health, entry, cmd] = p.stages[0].instructions;
    expect(copy).toMatchObject({ keyword: 'COPY', sources: ['a b'], dest: '/c/', from: '0', chown: '10001:10001' });
    expect(run).toMatchObject({ keyword: 'RUN', shell: expect.stringContaining('go mod download'), mounts: ['type=cache,target=/go/pkg/mod'], line: 4, endLine: 5 });
    expect(env).toMatchObject({ keyword: 'ENV', pairs: [['A', '1'], ['B', 'two words']] });
    expect(expose).toMatchObject({ ports: ['8080/tcp', '9090'] });
    expect(user).toMatchObject({ user: '65532:65532' });
    expect(health).toMatchObject({ none: false, form: 'exec', args: ['/bin/true'], options: { interval: '30s' } });
    expect(entry).toMatchObject({ form: 'exec', args: ['/app'] });
    expect(cmd).toMatchObject({ form: 'shell', args: ['--help'] });
  });

  test('one ARG line may declare several build args', () => {
    const p = parseDockerfile('ARG A=1 B=2 C\nFROM alpine:3.20\nARG GITHUB_TOKEN');
    expect(p.diagnostics).toEqual([]);
    expect(p.globalArgs.map((a) => [a.name, a.defaultValue, a.line])).toEqual([['A', '1', 1], ['B', '2', 1], ['C', undefined, 1]]);
    expect(p.stages[0].instructions).toMatchObject([{ keyword: 'ARG', name: 'GITHUB_TOKEN', line: 3 }]);
  });

  test('an unknown instruction is an error at its line and column, with a suggestion', () => {
    expect(errors('FORM alpine\n')).toMatchObject([{ code: 'unknown-instruction', line: 1, column: 1, message: expect.stringContaining('did you mean FROM?') }]);
    expect(errors('FROM alpine:3.20\n  COYP a b\n')).toMatchObject([{ code: 'unknown-instruction', line: 2, column: 3 }]);
  });

  test('an unterminated JSON array in CMD is an error, not a silent shell form', () => {
    expect(errors('FROM alpine:3.20\nCMD ["/app", "--port"\n')).toMatchObject([{ code: 'json-unterminated', line: 2, message: expect.stringContaining('not closed') }]);
    expect(errors("FROM alpine:3.20\nENTRYPOINT ['/app']\n")).toMatchObject([{ code: 'json-invalid', line: 2 }]);
  });

  test('an empty file has no FROM', () => {
    expect(errors('')).toMatchObject([{ code: 'no-from', line: 1 }]);
    expect(errors('# only a comment\n\n')).toMatchObject([{ code: 'no-from' }]);
  });

  test('malformed lines: missing arguments, ENV without value, bad port, instructions before FROM, duplicate stages', () => {
    const found = errors([
      'RUN echo too early',
      'FROM',
      'FROM alpine:3.20 AS a',
      'COPY onlyone',
      'ENV LONELY',
      'EXPOSE http',
      'USER',
      'FROM alpine:3.20 AS a',
    ].join('\n'));
    expect(found.map((d) => [d.code, d.line])).toEqual([
      ['before-from', 1], ['missing-arguments', 2], ['missing-arguments', 4], ['missing-value', 5], ['expose-port', 6], ['missing-arguments', 7], ['duplicate-stage', 8],
    ]);
  });

  test('a 1 MB file is refused with an error at the line past the limit, quickly and without throwing', () => {
    const line = 'RUN echo ' + 'x'.repeat(90) + '\n';
    const text = 'FROM alpine:3.20\n' + line.repeat(Math.ceil((1024 * 1024) / line.length));
    const found = errors(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'too-large', line: 1 + Math.floor((MAX_DOCKERFILE_BYTES - 'FROM alpine:3.20\n'.length) / line.length) + 1 });
  });

  test('the engine reports malformed input as data', () => {
    for (const text of ['FORM alpine', 'FROM alpine:3.20\nCMD ["a"', '', '\u0000\u0001 garbage [[[ \\', 'FROM ${NOPE}', 'FROM alpine@sha256:abc']) {
      const report = labReport({ dockerfile: text });
      expect(report.blocking).toMatch(/^Line \d+: /);
      expect(report.findings).toEqual([]);
    }
    expect(simulateBuild({ dockerfile: 'FROM ${NOPE}' }).failure?.message).toContain('empty');
  });
});
