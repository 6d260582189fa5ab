import { z } from 'zod';
import type { DataSourceInstanceSettings } from '@lab/sdk';

/**
 * jsonData: settings of the data source instance that are not secret. Grafana stores
 * them as plain JSON and sends them to the browser of anyone who can use the data
 * source, so they must never hold a key, a password or a token.
 */
export const jsonDataSchema = z.object({
  /** Smallest step to ask the upstream for, in seconds: how often it scrapes. */
  minStepSeconds: z.number().int().min(1).max(3600).default(15),
});
export type MetricsJsonData = z.infer<typeof jsonDataSchema>;

/**
 * secureJsonData: secrets. The browser can set them but never read them back; Grafana
 * stores them encrypted and hands them, decrypted, only to the backend.
 */
export interface MetricsSecureJsonData {
  /** Bearer token for the metrics API. */
  apiKey?: string;
}

export interface MetricsSettings {
  url: string;
  jsonData: MetricsJsonData;
  secure: MetricsSecureJsonData;
}

export type ParsedSettings = { ok: true; settings: MetricsSettings } | { ok: false; message: string };

/** Reads the instance settings the handler needs. Never throws. */
export function readSettings(instance: DataSourceInstanceSettings): ParsedSettings {
  const jsonData = jsonDataSchema.safeParse(instance.jsonData ?? {});
  if (!jsonData.success) {
    const issue = jsonData.error.issues[0];
    return { ok: false, message: `The data source settings are invalid: jsonData.${issue.path.join('.')} ${issue.message}. Fix them on the data source's settings page.` };
  }
  // The key comes only from the decrypted secure settings. A key someone put in
  // jsonData is ignored: zod drops fields the schema does not list.
  return { ok: true, settings: { url: instance.url, jsonData: jsonData.data, secure: { apiKey: (instance as unknown as { secureJsonData?: { apiKey?: string } }).secureJsonData?.apiKey } } };
}
