import { z } from 'zod';
import type { DataSourceInstanceSettings } from '@lab/sdk';

/** Where the metrics API answers when nothing is configured. */
export const DEFAULT_BASE_URL = 'https://prometheus.lab.test';

/**
 * jsonData: plain configuration. Grafana stores it as it is and shows it to anyone
 * who can read the data source, so nothing secret goes here.
 */
export const jsonDataSchema = z.object({
  /** The metrics API's base URL, e.g. https://eu.prometheus.lab.test (one per region). */
  baseUrl: z.url({ protocol: /^https$/, error: 'must be an https URL such as https://prometheus.lab.test' }),
});

/** The settings the handler works with, checked. */
export interface Settings {
  /** Base URL without a trailing slash. */
  baseUrl: string;
  /** From secureJsonData; undefined when none is configured. */
  apiKey?: string;
}

export type ParsedSettings = { ok: true; settings: Settings } | { ok: false; message: string };

/** Reads the instance settings. Never throws; a bad setting becomes a message naming it. */
export function parseSettings(instance: DataSourceInstanceSettings): ParsedSettings {
  const json = jsonDataSchema.safeParse(instance.jsonData);
  if (!json.success) {
    const issue = json.error.issues[0];
    return { ok: false, message: `The data source setting ${issue.path.join('.') || 'jsonData'} ${issue.message}. Fix it on the data source's settings page.` };
  }
  // An empty string is "not set", the same as a missing key.
  const apiKey = instance.decryptedSecureJsonData.apiKey || undefined;
  return { ok: true, settings: { baseUrl: json.data.baseUrl.replace(/\/+$/, ''), apiKey } };
}
