/**
 * Real signatures over a plugin's manifest of file hashes, with WebCrypto, and the check
 * Grafana runs before it loads a plugin.
 *
 * Modelled on Grafana's plugin signing: the signing service writes MANIFEST.txt, which
 * lists the SHA-256 of every file of the plugin and is signed; at startup Grafana gives
 * each plugin one status (Grafana docs, "Plugin signatures"): signed, unsigned (no
 * manifest), invalid signature, or modified signature (a file changed, missing or added
 * since signing). Unsigned plugins load only when allowed
 * (`allow_loading_unsigned_plugins`); modified and invalid ones never do. Grafana's
 * manifest is an OpenPGP clear-signed JSON document; ours is a JSON document signed
 * with Ed25519 by the lab key (lab-key.ts), which is what changes.
 *
 * Why Ed25519: it is in WebCrypto in Node 20 and in Chromium since 137 (also Firefox 129
 * and Safari 17), and its signatures are deterministic, so the same manifest always gets
 * the same signature and a Run can be replayed exactly. ECDSA P-256 would work in older
 * browsers too, but draws a random nonce for every signature.
 */
import { LAB_SIGNING_KEY } from './lab-key';

export const MANIFEST_FILE = 'MANIFEST.txt';
export const SIGNATURE_ALGORITHM = 'Ed25519';

/** A plugin as files: path inside the plugin folder → bytes. */
export type PluginFiles = Record<string, Uint8Array>;

/** What the manifest says: the plugin, its version, the signing key's id and every file's SHA-256 (hex). */
export interface Manifest {
  manifestVersion: '2.0.0';
  plugin: string;
  version: string;
  keyId: string;
  files: Record<string, string>;
}

/** Grafana's signature statuses, as its plugin list shows them. */
export type SignatureStatus = 'signed' | 'unsigned' | 'invalid' | 'modified';

export interface Verification {
  status: SignatureStatus;
  /** One sentence: why this status. */
  reason: string;
}

const encoder = new TextEncoder();
export const utf8 = (text: string) => encoder.encode(text);

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (crypto.subtle) is not available here: a browser offers it only on https pages and on localhost. Open the lab over https and Run again.');
  return s;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', bytes as BufferSource));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function importKey(usage: 'sign' | 'verify'): Promise<CryptoKey> {
  try {
    return await subtle().importKey('jwk', usage === 'sign' ? LAB_SIGNING_KEY.private : LAB_SIGNING_KEY.public, { name: 'Ed25519' }, false, [usage]);
  } catch (err) {
    throw new Error(`this browser's WebCrypto cannot use Ed25519 keys (${(err as Error).name || 'error'}); it needs Chromium 137+, Firefox 129+ or Safari 17+. Update the browser and Run again.`);
  }
}

/** The lab key's id: the first 16 hex digits of the SHA-256 of its raw public key. */
export async function labKeyId(): Promise<string> {
  return (await sha256Hex(fromBase64Url(LAB_SIGNING_KEY.public.x))).slice(0, 16);
}

/** The manifest of `files` (every file but MANIFEST.txt), hashes in path order. */
export async function manifestOf(files: PluginFiles, plugin: string, version: string): Promise<Manifest> {
  const hashes: Record<string, string> = {};
  for (const path of Object.keys(files).filter((p) => p !== MANIFEST_FILE).sort()) hashes[path] = await sha256Hex(files[path]);
  return { manifestVersion: '2.0.0', plugin, version, keyId: await labKeyId(), files: hashes };
}

/**
 * Signs the manifest of `files` with the lab key and returns the files with MANIFEST.txt
 * added: `{ manifest, signature: { algorithm, keyId, value } }`, where `value` is the
 * Ed25519 signature (base64url) of the UTF-8 bytes of `JSON.stringify(manifest)`.
 */
export async function signPlugin(files: PluginFiles, plugin: string, version: string): Promise<{ files: PluginFiles; manifest: Manifest; signature: string }> {
  const manifest = await manifestOf(files, plugin, version);
  const signed = new Uint8Array(await subtle().sign({ name: 'Ed25519' }, await importKey('sign'), utf8(JSON.stringify(manifest)) as BufferSource));
  const signature = toBase64Url(signed);
  const text = JSON.stringify({ manifest, signature: { algorithm: SIGNATURE_ALGORITHM, keyId: manifest.keyId, value: signature } }, null, 2);
  return { files: { ...files, [MANIFEST_FILE]: utf8(text) }, manifest, signature };
}

function readManifest(bytes: Uint8Array): { manifest: Manifest; signature: Uint8Array; keyId: string } | undefined {
  try {
    const doc = JSON.parse(new TextDecoder().decode(bytes)) as { manifest?: Manifest; signature?: { keyId?: unknown; value?: unknown } };
    if (!doc.manifest || typeof doc.manifest !== 'object' || typeof doc.manifest.files !== 'object' || !doc.signature || typeof doc.signature.value !== 'string') return undefined;
    return { manifest: doc.manifest, signature: fromBase64Url(doc.signature.value), keyId: String(doc.signature.keyId ?? '') };
  } catch {
    return undefined;
  }
}

/**
 * What Grafana would say of a plugin folder at startup: its signature status, checked
 * against the lab's public key and the SHA-256 of every file.
 */
export async function verifyPlugin(files: PluginFiles): Promise<Verification> {
  const raw = files[MANIFEST_FILE];
  if (!raw) return { status: 'unsigned', reason: `there is no ${MANIFEST_FILE}` };
  const read = readManifest(raw);
  if (!read) return { status: 'invalid', reason: `${MANIFEST_FILE} is not a signed manifest` };
  if (read.keyId !== (await labKeyId())) return { status: 'invalid', reason: `${MANIFEST_FILE} is signed by key ${read.keyId || '(none)'}, which this Grafana does not trust` };
  const ok = await subtle().verify({ name: 'Ed25519' }, await importKey('verify'), read.signature as BufferSource, utf8(JSON.stringify(read.manifest)) as BufferSource);
  if (!ok) return { status: 'invalid', reason: `the ${SIGNATURE_ALGORITHM} signature of ${MANIFEST_FILE} does not verify with the lab's public key` };
  const listed = read.manifest.files;
  const present = Object.keys(files).filter((p) => p !== MANIFEST_FILE).sort();
  for (const path of present) {
    if (!Object.hasOwn(listed, path)) return { status: 'modified', reason: `${path} is not in the signed manifest (added after signing)` };
    if ((await sha256Hex(files[path])) !== listed[path]) return { status: 'modified', reason: `${path} has a SHA-256 other than the signed one (changed after signing)` };
  }
  const missing = Object.keys(listed).filter((p) => !present.includes(p));
  if (missing.length) return { status: 'modified', reason: `${missing[0]} is in the signed manifest but not in the plugin (removed after signing)` };
  return { status: 'signed', reason: `the ${SIGNATURE_ALGORITHM} signature verifies and all ${present.length} files match their SHA-256` };
}

/** Grafana's rule: signed plugins load; unsigned ones only when allowed; invalid or modified ones never. */
export function loads(status: SignatureStatus, allowUnsigned: boolean): boolean {
  return status === 'signed' || (status === 'unsigned' && allowUnsigned);
}
