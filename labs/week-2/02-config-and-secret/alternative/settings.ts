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
  baseUrl: z
    .string({ error: 'is missing' })
    .trim()
    .min(1, 'is missing')
    .refine((text) => URL.canParse(text) && new URL(text).protocol === 'https:', 'must be a full https:// address'),
});

/** The settings the handler works with, checked. */
export interface Settings {
  /** Base URL without a trailing slash. */
  baseUrl: string;
  /** From secureJsonData; undefined when none is configured. */
  apiKey?: string;
}

export type ParsedSettings = { ok: true; settings: Settings } | { ok: false; message: string };

/** Reads the instance settings. Never throws. */
export function parseSettings(instance: DataSourceInstanceSettings): ParsedSettings {
  const result = jsonDataSchema.safeParse(instance.jsonData ?? {});
  if (!result.success) {
    return { ok: false, message: `Base URL ${result.error.issues[0].message}. Set it in the data source configuration, e.g. ${DEFAULT_BASE_URL}.` };
  }
  const url = new URL(result.data.baseUrl);
  const key = instance.decryptedSecureJsonData?.apiKey;
  return {
    ok: true,
    settings: { baseUrl: `${url.origin}${url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '')}`, apiKey: key && key.length > 0 ? key : undefined },
  };
}
