/**
 * Hides secrets before anything is shown: header values of credential headers, and
 * every known form of a secret value (e.g. the API key from the secure settings) in
 * URLs, headers or text. The forms are listed once, in `secretForms`: the secret check
 * (lib/checks/secrets.ts) looks for exactly what the results views mask, so a leak
 * the check reports is never readable on the page. Pure, so it is tested on its own.
 *
 * Text is matched twice: as it is, and normalised the way a reader sees it
 * (`normalizeText`): characters that render as nothing removed (zero-width spaces and
 * joiners, soft hyphens, bidi controls, variation selectors, tag characters, control
 * characters), compatibility forms folded (full-width `ｋｅｙ`, styled `𝐤𝐞𝐲`, ligatures:
 * Unicode NFKD, which matches what NFKC matches) and letter case folded. So a key
 * written upper-cased, in look-alike letters or with invisible characters between its
 * letters is found and masked; the mask covers the whole disguised run of text.
 */
export const REDACTED = '••••';

const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'x-auth-token']);

/** How a secret was passed on: as is, or through one of the encodings a handler might use. */
export type SecretEncoding = 'as is' | 'URL-encoded' | 'base64' | 'base64url' | 'hex' | 'reversed' | 'upper-cased' | 'zero-width' | 'look-alike';

/** One way a secret may look in text. */
export interface SecretForm {
  encoding: SecretEncoding;
  /** The text searched for (for `zero-width`, the secret itself; the pattern allows the gaps). */
  needle: string;
  /** True when letter case does not matter (hex digits, a case-changed secret). */
  ignoreCase: boolean;
  /** Matches every occurrence (global flag): use with `String.search` and `String.replace`, never `test`. */
  pattern: RegExp;
}

/** Shorter values are not searched or masked: they would match ordinary text. */
export const MIN_SECRET_LENGTH = 4;
/** An encoded fragment shorter than this says too little to count as the secret. */
const MIN_FRAGMENT = 6;
/** Characters that render as nothing: put between letters, they hide a secret from a plain search. */
const ZERO_WIDTH = '[\\u200B\\u200C\\u200D\\u2060\\uFEFF\\u00AD]*';
/**
 * Every character that renders as nothing: format characters (Cf: zero-width joiners,
 * bidi controls, the soft hyphen, invisible operators…), default-ignorable code points
 * (variation selectors, Hangul fillers, tag characters…) and control characters other
 * than tab and line breaks.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]|[^\P{Cc}\t\n\r]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');
/** Text a plain match has fully covered: printable ASCII and whitespace (no invisible or look-alike characters). */
const PLAIN_TEXT = /^[\t\n\r\x20-\x7e]*$/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/=+$/, '');
}

/**
 * The base64 characters that depend on the secret's bytes alone, for each of the
 * three byte offsets it can start at inside a longer encoded text ("Basic " + base64
 * of "user:key" puts the key at offset 2, say). The characters at the edges mix in
 * neighbouring bytes, so they are left out.
 */
function base64Cores(bytes: Uint8Array): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = toBase64(padded);
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const core = encoded.slice(first, end);
    if (core.length >= MIN_FRAGMENT) cores.push(core);
  }
  return cores;
}

function form(encoding: SecretEncoding, needle: string, ignoreCase = false): SecretForm {
  return { encoding, needle, ignoreCase, pattern: new RegExp(escapeRegExp(needle), ignoreCase ? 'gi' : 'g') };
}

/**
 * Every form of `secret` the secret check detects and the views mask, most literal
 * first and without duplicates: as is, URL-encoded (both encoders), base64 and
 * base64url (also inside a longer encoded text), hex, reversed, in another letter
 * case, and with zero-width characters between its letters. Empty for short secrets.
 */
export function secretForms(secret: string): SecretForm[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const bytes = new TextEncoder().encode(secret);
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  const chars = [...secret];
  const candidates: SecretForm[] = [
    form('as is', secret),
    form('URL-encoded', encodeURIComponent(secret)),
    form('URL-encoded', new URLSearchParams({ k: secret }).toString().slice(2)),
    ...base64Cores(bytes).flatMap((core) => [form('base64', core), form('base64url', core.replace(/\+/g, '-').replace(/\//g, '_'))]),
    form('hex', hex, true),
    form('reversed', chars.reverse().join('')),
    form('upper-cased', secret, true),
  ];
  const seen = new Set<string>();
  const unique = candidates.filter((v) => {
    const key = `${v.ignoreCase ? v.needle.toLowerCase() : v.needle}|${v.ignoreCase}`;
    if (seen.has(key)) return false; // "abc-123" is the same URL-encoded: report it as is
    seen.add(key);
    return true;
  });
  // Last, as it also matches the plain secret: report a plain one as "as is".
  unique.push({ encoding: 'zero-width', needle: secret, ignoreCase: true, pattern: new RegExp([...secret].map(escapeRegExp).join(ZERO_WIDTH), 'gi') });
  return unique;
}

/** The first form of any of the secrets found in the text, or undefined. */
export function findSecretForm(text: string, forms: readonly SecretForm[]): SecretForm | undefined {
  const plain = forms.find((f) => text.search(f.pattern) >= 0);
  if (plain || PLAIN_TEXT.test(text) || !mayHold(text, forms)) return plain;
  const views = lazyViews(text);
  for (const f of forms) {
    const spans = normalizedSpans(views, f, true);
    if (spans.length > 0) return { ...f, encoding: disguise(f, text.slice(spans[0][0], spans[0][1])) };
  }
  return undefined;
}

/** A function that replaces every known form of the secrets with ••••; the identity when there are none. */
export function secretMasker(secrets: readonly string[]): (text: string) => string {
  const forms = secrets.flatMap(secretForms);
  if (forms.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const f of forms) if (out.search(f.pattern) >= 0) out = out.replace(f.pattern, REDACTED);
    if (PLAIN_TEXT.test(out) || !mayHold(out, forms)) return out;
    // Disguised forms: find them in the normalised text, mask the original run each covers.
    const views = lazyViews(out);
    const spans = mergeSpans(forms.flatMap((f) => normalizedSpans(views, f, false)));
    for (let i = spans.length - 1; i >= 0; i--) out = out.slice(0, spans[i][0]) + REDACTED + out.slice(spans[i][1]);
    return out;
  };
}

/** Text as a reader sees it, and where each of its characters came from in the original. */
export interface NormalizedText {
  /** Invisible characters removed, each character in compatibility form (NFKD), letters case-folded when asked. */
  text: string;
  /** For each UTF-16 unit of `text`: the start of the original character it came from. */
  starts: number[];
  /** For each UTF-16 unit of `text`: the end of the original character it came from. */
  ends: number[];
}

/**
 * Normalises `text` character by character (so every character of the result maps back
 * to the original): drops characters that render as nothing, takes the compatibility
 * decomposition (NFKD: `ｋ`, `𝐤` and `K` (Kelvin) become `k`, `ﬁ` becomes `fi`) and, when
 * `foldCase`, lower-cases with full case folding of ß and final sigma.
 */
export function normalizeText(text: string, foldCase: boolean): NormalizedText {
  const starts: number[] = [];
  const ends: number[] = [];
  return { text: normalizeInto(text, foldCase, starts, ends), starts, ends };
}

/** The normalised text; with `starts` and `ends`, also where each of its units came from. */
function normalizeInto(text: string, foldCase: boolean, starts?: number[], ends?: number[]): string {
  let out = '';
  let offset = 0;
  for (const ch of text) {
    const end = offset + ch.length;
    const code = ch.charCodeAt(0);
    if (code >= 0x20 && code < 0x7f) {
      // Printable ASCII (most of any text) is its own compatibility form.
      out += foldCase && code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : ch;
      starts?.push(offset);
      ends?.push(end);
    } else if (!INVISIBLE.test(ch)) {
      let norm = ch.normalize('NFKD');
      if (foldCase) norm = norm.toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ');
      for (let i = 0; starts && ends && i < norm.length; i++) {
        starts.push(offset);
        ends.push(end);
      }
      out += norm;
    }
    offset = end;
  }
  return out;
}

/**
 * A cheap first look: whether any form occurs in the case-folded text at all (base64
 * compared without case here, so this finds a superset). Most text has no secret, and
 * then no character map is built.
 */
function mayHold(text: string, forms: readonly SecretForm[]): boolean {
  // Whole-string operations (fast, native): the same text as normalizeInto's, bar the
  // order of stacked combining marks, which no needle holds.
  const folded = text.normalize('NFKD').replace(INVISIBLE_ALL, '').toLowerCase().replace(/ß/g, 'ss').replace(/ς/g, 'σ');
  return forms.some((f) => {
    const needle = normalizedNeedle(f, false);
    return needle.length >= MIN_SECRET_LENGTH && folded.includes(needle);
  });
}

interface Views {
  folded(): NormalizedText;
  cased(): NormalizedText;
}

function lazyViews(text: string): Views {
  let folded: NormalizedText | undefined;
  let cased: NormalizedText | undefined;
  return { folded: () => (folded ??= normalizeText(text, true)), cased: () => (cased ??= normalizeText(text, false)) };
}

/** Base64 tells letters apart by case; every other form reads the same in any case. */
const caseSensitive = (f: SecretForm) => f.encoding === 'base64' || f.encoding === 'base64url';

/** Where the form occurs in the normalised text, as [start, end) ranges of the original. */
function normalizedSpans(views: Views, f: SecretForm, firstOnly: boolean): [number, number][] {
  const sensitive = caseSensitive(f);
  const view = sensitive ? views.cased() : views.folded();
  const needle = normalizedNeedle(f, sensitive);
  if (needle.length < MIN_SECRET_LENGTH) return [];
  const spans: [number, number][] = [];
  for (let i = view.text.indexOf(needle); i >= 0; i = view.text.indexOf(needle, i + 1)) {
    spans.push([view.starts[i], view.ends[i + needle.length - 1]]);
    if (firstOnly) break;
  }
  return spans;
}

const FOLDED_NEEDLES = new WeakMap<SecretForm, string>();
const CASED_NEEDLES = new WeakMap<SecretForm, string>();

/** The form's text, normalised as the view it is searched in; computed once per form. */
function normalizedNeedle(f: SecretForm, sensitive: boolean): string {
  const cache = sensitive ? CASED_NEEDLES : FOLDED_NEEDLES;
  let needle = cache.get(f);
  if (needle === undefined) cache.set(f, (needle = normalizeInto(f.needle, !sensitive)));
  return needle;
}

/** Sorted, with overlapping or touching ranges joined. */
function mergeSpans(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const span of sorted) {
    const last = out.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else out.push([...span]);
  }
  return out;
}

/** How a secret found only in normalised text was disguised: the form's own encoding unless it was the secret itself. */
function disguise(f: SecretForm, matched: string): SecretEncoding {
  if (f.encoding !== 'as is' && f.encoding !== 'upper-cased' && f.encoding !== 'zero-width') return f.encoding;
  if ([...matched].some((ch) => INVISIBLE.test(ch))) return 'zero-width';
  if (matched.normalize('NFKD') === matched) return 'upper-cased';
  return 'look-alike';
}

/** Replaces every known form of the secrets in `text` with ••••. */
export function redactText(text: string, secrets: readonly string[]): string {
  return secretMasker(secrets)(text);
}

/** Credential headers become •••• (keeping a Bearer/Basic/Token scheme); other header values lose the secrets. */
export function redactHeaders(headers: readonly [string, string][], secrets: readonly string[] | ((text: string) => string)): [string, string][] {
  const mask = typeof secrets === 'function' ? secrets : secretMasker(secrets);
  return headers.map(([name, value]) => {
    if (!CREDENTIAL_HEADERS.has(name.toLowerCase())) return [mask(name), mask(value)];
    const scheme = /^(Bearer|Basic|Token)\s/i.exec(value)?.[1];
    return [name, scheme ? `${scheme} ${REDACTED}` : REDACTED];
  });
}
