import { z } from 'zod';
import type { DataSourceInstanceSettings } from '@lab/sdk';

/**
 * jsonData: the data source instance's settings, as the config page saved them.
 * TODO (task 5): minStepSeconds defaults to 15. Does everything here belong in jsonData?
 */
export const jsonDataSchema = z.object({
  /** Smallest step to ask the upstream for, in seconds: how often it scrapes. */
  minStepSeconds: z.number().int().min(1).max(3600),
  /** Bearer token for the metrics API; kept here so the config page can show it. */
  apiKey: z.string().optional(),
});
export type MetricsJsonData = z.infer<typeof jsonDataSchema>;

/** secureJsonData: TODO (task 5). */
export interface MetricsSecureJsonData {
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
  return { ok: true, settings: { url: instance.url, jsonData: jsonData.data, secure: { apiKey: jsonData.data.apiKey } } };
}
