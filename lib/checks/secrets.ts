/**
 * Finds a secret (the API key from the secure settings) in what a handler emitted:
 * its response (frames, error messages, health message), its run error and its log
 * lines, and on request the URLs of its upstream calls. It looks for the secret as
 * is and in the encodings a handler might pass it through on the way out: base64
 * and base64url (also inside a longer encoded text, such as `user:key`), URL
 * encoding, hex, reversed, in another letter case, and with zero-width characters
 * between its letters. The list is `secretForms` in lib/redact.ts: the results views
 * mask exactly the forms this check reports.
 *
 * Out of scope, on purpose: a secret split across log fields or strings, partial
 * secrets (a "masked" prefix such as the first 4 characters), and encryption or hashing (a hash is not the secret). A check can only prove the
 * absence of the leaks it knows how to look for; the lab README says so.
 *
 * Nothing this module returns contains the secret: a leak is reported by where it
 * was found and how it was encoded, never by the text that matched.
 */
import type { RunRecord } from '../engine/run';
import { CheckFailure } from './assert';
import type { LogEntry } from '../runtime/wire';
import { findSecretForm, MIN_SECRET_LENGTH, secretForms, secretMasker, type SecretEncoding, type SecretForm } from '../redact';

export { MIN_SECRET_LENGTH, type SecretEncoding };

/** One way the secret may look in text: the list is `secretForms` in lib/redact.ts, shared with the masking. */
export type SecretVariant = SecretForm;

/** A piece of emitted text and a description of where it came from, safe to show. */
export interface TextSource {
  /** e.g. "log line 3 (info)": must not contain the text itself. */
  where: string;
  text: string;
}

export interface SecretLeak {
  where: string;
  encoding: SecretEncoding;
}

/** Every form of `secret` the scanner looks for, without duplicates (the forms the views mask). */
export const secretVariants = secretForms;

/** Where each secret shows up in the sources; one leak per source (the first encoding found). */
export function findSecrets(secrets: readonly string[], sources: readonly TextSource[]): SecretLeak[] {
  const variants = secrets.flatMap(secretVariants);
  const leaks: SecretLeak[] = [];
  for (const source of sources) {
    const hit = findSecretForm(source.text, variants);
    if (hit) leaks.push({ where: source.where, encoding: hit.encoding });
  }
  return leaks;
}

/** Replaces every known form of the secrets with ••••: a last guard on text a check shows. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return secretMasker(secrets)(text);
}

/** The secret values of a run: everything in the secure settings it was given. */
export function secretsOfRun(record: RunRecord): string[] {
  const secure = record.request.pluginContext.dataSourceInstanceSettings.decryptedSecureJsonData ?? {};
  return Object.values(secure).filter((v) => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH);
}

/** Every string inside a JSON-like value, keys included. */
function stringsIn(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 50) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => stringsIn(v, out, depth + 1));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      out.push(key);
      stringsIn(v, out, depth + 1);
    }
  }
  return out;
}

/** One source per string, so two neighbouring strings never combine into a false match. */
function sourcesOf(where: string, value: unknown): TextSource[] {
  return stringsIn(value).map((text) => ({ where, text }));
}

/** A refId as a label; a refId made of the secret itself must not become part of a message. */
function refLabel(refId: string, index: number): string {
  return /^[A-Za-z0-9_-]{1,20}$/.test(refId) ? `refId ${refId}` : `response #${index + 1}`;
}

function logSources(logs: readonly LogEntry[]): TextSource[] {
  return logs.flatMap((entry, i) => sourcesOf(`log line ${i + 1} (${entry.level})`, { message: entry.message, fields: entry.fields }));
}

export interface ScanOptions {
  /** Also scan the URLs of upstream requests (a key in a URL ends up in proxy and access logs). */
  upstreamUrls?: boolean;
}

/** Everything a run emitted, as text sources with safe descriptions. */
export function emittedText(record: RunRecord, options: ScanOptions = {}): TextSource[] {
  const sources: TextSource[] = [];
  const { output } = record;
  if (!output.ok) {
    sources.push(...sourcesOf('the run error', output.error));
  } else if (record.invocation === 'checkHealth') {
    const health = output.value as { message?: unknown; details?: unknown };
    sources.push(...sourcesOf('the health check message', health.message), ...sourcesOf('the health check details', health.details));
  } else {
    const responses = (output.value as { responses: Record<string, { frames: unknown[]; error?: unknown }> }).responses;
    Object.entries(responses).forEach(([refId, response], index) => {
      const label = refLabel(refId, index);
      sources.push(...sourcesOf(`the response key of ${label}`, refId));
      sources.push(...sourcesOf(`the error of ${label}`, response.error));
      response.frames.forEach((frame, f) => sources.push(...sourcesOf(`frame ${f + 1} of ${label}`, frame)));
    });
  }
  sources.push(...logSources(record.logs));
  if (options.upstreamUrls) record.upstream.forEach((call) => sources.push({ where: `the URL of upstream request ${call.seq}`, text: call.url }));
  return sources;
}

/** Leaks of the run's own secrets in what it emitted. */
export function findLeaks(record: RunRecord, options: ScanOptions = {}): SecretLeak[] {
  return findSecrets(secretsOfRun(record), emittedText(record, options));
}

const HOW: Partial<Record<SecretEncoding, string>> = {
  'as is': '',
  reversed: ' reversed',
  'upper-cased': ' with its letter case changed',
  'zero-width': ' with invisible (zero-width) characters between its letters',
  'look-alike': ' in look-alike letters (full-width, styled or with invisible characters)',
};

/** "the API key appeared base64-encoded in log line 3 (info)": never the key itself. */
export function describeLeak(leak: SecretLeak, what = 'the API key'): string {
  const how = HOW[leak.encoding] ?? ` ${leak.encoding}${leak.encoding.endsWith('encoded') ? '' : '-encoded'}`;
  return `${what} appeared${how} in ${leak.where}`;
}

/**
 * Fails the check when any of the runs emitted its own secret, naming where (up to
 * three places) and never showing it. `what` names the runs for the message.
 */
export function expectNoSecretLeaks(runs: readonly { label: string; record: RunRecord }[], options: ScanOptions = {}): void {
  const found = runs.flatMap(({ label, record }) => findLeaks(record, options).map((leak) => `${describeLeak(leak)} (${label})`));
  if (found.length === 0) return;
  const more = found.length > 3 ? `, and ${found.length - 3} more place(s)` : '';
  throw new CheckFailure('the API key nowhere in logs, frames, error messages or health results', `${found.slice(0, 3).join('; ')}${more}`);
}
