/** Small pure pieces: expansion, image references, the shell tokeniser, .dockerignore, secrets, paths. */
import { describe, expect, test } from 'vitest';
import { buildContext } from './context';
import { contextManifest } from './content';
import { expand } from './expand';
import { parseImageRef, pinStatus } from './image-ref';
import { globToRegExp, normalizePath, resolvePath } from './paths';
import { isSecretFileName, isSecretName, tokenKind } from './secrets';
import { tokenise } from './shell';

test('expand: $X, ${X}, defaults, alternatives, escapes, and what was used', () => {
  const scope = new Map<string, string | undefined>([['A', 'a'], ['EMPTY', ''], ['DECL', undefined]]);
  expect(expand('$A/${A}/${NOPE:-d}/${EMPTY:-e}/${EMPTY-f}/${A:+alt}/${NOPE:+x}/\\$A', scope)).toEqual({ value: 'a/a/d/e//alt//$A', used: ['A', 'A', 'NOPE', 'EMPTY', 'EMPTY', 'A', 'NOPE'] });
  expect(expand('${DECL-unset}', scope).value).toBe('');
});

test('image references and the pin rule', () => {
  expect(parseImageRef('gcr.io/distroless/static-debian12:nonroot@sha256:' + 'a'.repeat(64))).toMatchObject({ repository: 'gcr.io/distroless/static-debian12', tag: 'nonroot', digest: 'sha256:' + 'a'.repeat(64) });
  expect(parseImageRef('localhost:5000/golang')).toMatchObject({ repository: 'localhost:5000/golang', tag: undefined });
  expect(parseImageRef('docker.io/library/alpine:3.20')).toMatchObject({ repository: 'alpine', tag: '3.20' });
  expect(['golang', 'golang:latest', 'gcr.io/distroless/static-debian12:nonroot', 'golang:1.23-alpine', 'alpine@sha256:' + 'b'.repeat(64)].map((r) => pinStatus(parseImageRef(r))))
    .toEqual(['no-tag', 'floating-tag', 'floating-tag', 'version-tag', 'digest']);
});

describe('tokenise', () => {
  test('splits on operators, keeps quoted words, reads assignments and redirects, expands from scope', () => {
    const t = tokenise(`CGO_ENABLED=0 go build -ldflags="-s -w" -o "/out/a b" ./pkg && rm -rf /tmp/* ; echo $X \${Y:-dflt} > /f # comment`, new Map([['X', 'x']]));
    expect(t.commands).toEqual([
      { argv: ['go', 'build', '-ldflags=-s -w', '-o', '/out/a b', './pkg'], assignments: { CGO_ENABLED: '0' } },
      { argv: ['rm', '-rf', '/tmp/*'], assignments: {}, joinedBy: '&&' },
      { argv: ['echo', 'x', 'dflt'], assignments: {}, joinedBy: ';', redirect: { path: '/f', append: false } },
    ]);
    expect(t.used).toEqual(['X', 'Y']);
  });

  test('a command substitution is skipped, a subshell at the start of a command is read', () => {
    const t = tokenise('GITHUB_TOKEN=$(cat /run/secrets/t) go mod download && (cd /a && ls)', new Map());
    expect(t.commands.map((c) => c.argv)).toEqual([['go', 'mod', 'download'], ['cd', '/a'], ['ls']]);
    expect(t.commands[0].assignments).toEqual({ GITHUB_TOKEN: '' });
    expect(t.substitutions).toBe(1);
  });
});

describe('build context and .dockerignore (@balena/dockerignore)', () => {
  const paths = (ignore?: string) => [...buildContext(contextManifest(), { dockerfile: 'FROM scratch', dockerignore: ignore }).files.keys()];

  test('no .dockerignore sends everything, secrets and .git included', () => {
    const ctx = buildContext(contextManifest(), { dockerfile: 'FROM scratch' });
    expect(ctx.ignored).toEqual([]);
    expect(paths()).toEqual(expect.arrayContaining(['.env', 'secrets/signing-key.pem', '.git/HEAD', 'node_modules/.bin/tsc', 'Dockerfile']));
    expect(ctx.sizeBytes).toBeGreaterThan(400 * 1024 * 1024);
  });

  test('deny-list and allow-list forms, comments and blank lines', () => {
    expect(paths('# secrets\n.env\n\nsecrets/\n.git\nnode_modules\n')).not.toEqual(expect.arrayContaining(['.env']));
    const allow = paths('*\n!go.mod\n!go.sum\n!pkg\n');
    expect(allow.sort()).toEqual(['go.mod', 'go.sum', 'pkg/main.go', 'pkg/plugin/datasource.go', 'pkg/plugin/datasource_test.go', 'pkg/plugin/query.go', 'pkg/plugin/settings.go']);
    expect(paths('**/*.go\n')).not.toContain('pkg/plugin/query.go');
  });

  test('a change gives a file a new checksum', () => {
    const a = buildContext(contextManifest(), { dockerfile: '' }).files.get('pkg/main.go');
    const b = buildContext(contextManifest(), { dockerfile: '', changes: [{ path: 'pkg/main.go' }] }).files.get('pkg/main.go');
    expect(a?.digest).not.toBe(b?.digest);
    expect(a?.size).toBe(b?.size);
  });
});

test('secrets: file names, variable names, token shapes (never CA bundles or examples)', () => {
  expect(['/app/.env', '/x/id_rsa', '/k/signing-key.pem', '/h/.npmrc'].every(isSecretFileName)).toBe(true);
  expect(['/app/.env.example', '/etc/ssl/certs/ca-certificates.crt', '/etc/ssl/certs/x.pem', '/app/main.go'].some(isSecretFileName)).toBe(false);
  expect(['GITHUB_TOKEN', 'API_KEY', 'apikey', 'DB_PASSWORD', 'AWS_SECRET_ACCESS_KEY'].every(isSecretName)).toBe(true);
  expect(['GO_VERSION', 'CGO_ENABLED', 'SSL_CERT_FILE', 'KEYBOARD'].some(isSecretName)).toBe(false);
  expect(tokenKind('x ghp_' + 'A'.repeat(36))).toBe('GitHub token');
  expect(tokenKind('glsa_abcdefghijklmnopqrstuvwxyz_0123')).toBe('Grafana service account token');
  expect(tokenKind('-----BEGIN RSA PRIVATE KEY-----')).toBe('private key');
  expect(tokenKind('hello world')).toBeUndefined();
});

test('paths and globs', () => {
  expect(normalizePath('/a/./b/../c/')).toBe('/a/c');
  expect(resolvePath('/src', '../out/x')).toBe('/out/x');
  expect(globToRegExp('/tmp/*.env').test('/tmp/a.env')).toBe(true);
  expect(globToRegExp('/tmp/*').test('/tmp/a/b')).toBe(false);
});
