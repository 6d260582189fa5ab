import { describe, expect, it } from 'vitest';
import { fromBase64Url, loads, MANIFEST_FILE, signPlugin, toBase64Url, utf8, verifyPlugin, type PluginFiles } from './signing';

const plugin: PluginFiles = { 'module.js': utf8('console.log(1)'), 'plugin.json': utf8('{"id":"x"}'), gpx_linux: utf8('ELF') };

describe('manifest signing with Ed25519 (WebCrypto)', () => {
  it('signs the SHA-256 of every file, and the signature verifies', async () => {
    const signed = await signPlugin(plugin, 'x', '1.0.0');
    expect(Object.keys(signed.manifest.files).sort()).toEqual(['gpx_linux', 'module.js', 'plugin.json']);
    expect(signed.manifest.files['module.js']).toMatch(/^[0-9a-f]{64}$/);
    expect(fromBase64Url(signed.signature)).toHaveLength(64);
    expect(await verifyPlugin(signed.files)).toMatchObject({ status: 'signed' });
  });

  it('is deterministic: the same files give the same signature', async () => {
    const [a, b] = await Promise.all([signPlugin(plugin, 'x', '1.0.0'), signPlugin(plugin, 'x', '1.0.0')]);
    expect(a.signature).toBe(b.signature);
  });

  it('calls a changed, added or removed file modified', async () => {
    const { files } = await signPlugin(plugin, 'x', '1.0.0');
    const changed = new Uint8Array(files.gpx_linux);
    changed[0] ^= 1;
    expect(await verifyPlugin({ ...files, gpx_linux: changed })).toMatchObject({ status: 'modified', reason: expect.stringContaining('gpx_linux') });
    expect(await verifyPlugin({ ...files, 'extra.js': utf8('x') })).toMatchObject({ status: 'modified', reason: expect.stringContaining('not in the signed manifest') });
    const { gpx_linux: _removed, ...rest } = files;
    expect(await verifyPlugin(rest)).toMatchObject({ status: 'modified', reason: expect.stringContaining('removed') });
  });

  it('calls a plugin without a manifest unsigned, and a forged manifest invalid', async () => {
    expect((await verifyPlugin(plugin)).status).toBe('unsigned');
    const { files } = await signPlugin(plugin, 'x', '1.0.0');
    const doc = JSON.parse(new TextDecoder().decode(files[MANIFEST_FILE]));
    doc.manifest.version = '9.9.9'; // the signed bytes no longer match
    expect((await verifyPlugin({ ...files, [MANIFEST_FILE]: utf8(JSON.stringify(doc)) })).status).toBe('invalid');
    expect((await verifyPlugin({ ...files, [MANIFEST_FILE]: utf8('not json') })).status).toBe('invalid');
  });

  it("follows Grafana's loading rule: unsigned only when allowed, modified and invalid never", () => {
    expect(loads('signed', false)).toBe(true);
    expect(loads('unsigned', false)).toBe(false);
    expect(loads('unsigned', true)).toBe(true);
    expect(loads('modified', true)).toBe(false);
    expect(loads('invalid', true)).toBe(false);
  });

  it('round-trips base64url', () => {
    const bytes = Uint8Array.from([0, 250, 251, 252, 253, 254, 255]);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
  });
});
