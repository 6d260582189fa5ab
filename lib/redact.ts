/**
 * Hides secrets before anything is shown: header values of credential headers, and
 * any occurrence of a known secret value (e.g. the API key from the secure settings)
 * in URLs, headers or text. Pure, so it is tested on its own.
 */
export const REDACTED = '••••';

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'x-auth-token']);

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue; // too short to redact without mangling ordinary text
    out = out.split(secret).join(REDACTED).split(encodeURIComponent(secret)).join(REDACTED);
    // A query parameter built with URLSearchParams encodes spaces as + and escapes a little differently.
    out = out.split(new URLSearchParams({ k: secret }).toString().slice(2)).join(REDACTED);
  }
  return out;
}

export function redactHeaders(headers: readonly [string, string][], secrets: readonly string[]): [string, string][] {
  return headers.map(([name, value]) => {
    if (!CREDENTIAL_HEADERS.has(name.toLowerCase())) return [name, redactText(value, secrets)];
    const scheme = /^(Bearer|Basic|Token)\s/i.exec(value)?.[1];
    return [name, scheme ? `${scheme} ${REDACTED}` : REDACTED];
  });
}
