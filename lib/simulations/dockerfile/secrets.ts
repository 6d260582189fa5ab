/**
 * A deliberately simple secret detector (secretlint is not installed): files by
 * name (.env, *.pem, *.key, id_rsa…), variable names (TOKEN, SECRET, PASSWORD,
 * API_KEY…) and a few well-known token shapes (GitHub, Grafana, AWS, Slack,
 * Stripe, PEM private keys). It misses secrets of other shapes; it never returns
 * the secret itself, only where it is.
 */
import { basename } from './paths';

const SECRET_FILE = /^(\.env(\..+)?|id_(rsa|dsa|ecdsa|ed25519)|.*\.(pem|key|p12|pfx)|\.npmrc|\.netrc|credentials(\.json)?)$/i;
const SAFE_FILE = /^\.env\.(example|sample|template)$/i;

/** True for a file name that usually holds a secret. Paths under /etc/ssl are CA bundles, not keys. */
export function isSecretFileName(path: string): boolean {
  const name = basename(path);
  if (SAFE_FILE.test(name) || path.startsWith('/etc/ssl/') || path.startsWith('/usr/share/ca-certificates/')) return false;
  return SECRET_FILE.test(name);
}

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PASS$|API_?KEY|PRIVATE_?KEY|CREDENTIALS?|ACCESS_?KEY)/i;

/** True for a variable name that says it holds a secret (GITHUB_TOKEN, API_KEY, DB_PASSWORD). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

const TOKEN_PATTERNS: { kind: string; re: RegExp }[] = [
  { kind: 'GitHub token', re: /\bgh[pousr]_[A-Za-z0-9]{30,}/ },
  { kind: 'GitHub token', re: /\bgithub_pat_[A-Za-z0-9_]{22,}/ },
  { kind: 'Grafana Cloud token', re: /\bglc_[A-Za-z0-9+/=_-]{20,}/ },
  { kind: 'Grafana service account token', re: /\bglsa_[A-Za-z0-9_]{20,}/ },
  { kind: 'AWS access key', re: /\bAKIA[0-9A-Z]{16}\b/ },
  { kind: 'Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: 'Stripe key', re: /\bsk_live_[A-Za-z0-9]{16,}/ },
  { kind: 'private key', re: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
];

/** The kind of token found in `text`, or undefined. */
export function tokenKind(text: string): string | undefined {
  return TOKEN_PATTERNS.find((p) => p.re.test(text))?.kind;
}

/** What a masked value shows instead of the secret. */
export const MASK = '••••';

/** True for a file the detector calls a secret: by its name, or by a token in its text. */
export function isSecretFile(entry: { path: string; content?: string }): boolean {
  return isSecretFileName(entry.path) || (entry.content !== undefined && tokenKind(entry.content) !== undefined);
}

const ASSIGNMENT = /\b([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s"'$]\S*)/g;

/**
 * `text` (an instruction, a note) with every token the detector knows, and every value
 * assigned to a secret-named variable (API_KEY=…, ARG TOKEN=…), replaced by MASK.
 * References such as `$API_KEY` stay: they are names, not values.
 */
export function maskSecrets(text: string): string {
  let out = text;
  for (const { re } of TOKEN_PATTERNS) out = out.replace(new RegExp(re.source, 'g'), MASK);
  return out.replace(ASSIGNMENT, (match, name: string, value: string) => (isSecretName(name) && value !== MASK ? `${name}=${MASK}` : match));
}
