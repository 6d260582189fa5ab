import { z } from 'zod';
import type { DataSourceInstanceSettings } from '@lab/sdk';

/** Where the metrics API answers when nothing is configured. */
export const DEFAULT_BASE_URL = 'https://prometheus.lab.test';

/**
 * jsonData: plain configuration. Grafana stores it as it is and shows it to anyone
 * who can read the data source, so nothing secret goes here.
 * TODO (task 1): baseUrl is required and must be an https URL (z.url can check the protocol).
 */
export const jsonDataSchema = z.object({
  /** The metrics API's base URL, e.g. https://eu.prometheus.lab.test (one per region). */
  baseUrl: z.string().optional(),
});

/** The settings the handler works with, checked. */
export interface Settings {
  /** Base URL without a trailing slash. */
  baseUrl: string;
  /** From secureJsonData; undefined when none is configured. */
  apiKey?: string;
}

export type ParsedSettings = { ok: true; settings: Settings } | { ok: false; message: string };

/**
 * Reads the instance settings. Never throws.
 * TODO (task 1): use jsonData.baseUrl (checked with jsonDataSchema) instead of the
 * default, and return { ok: false, message } naming `baseUrl` when it is missing or not https.
 */
export function parseSettings(instance: DataSourceInstanceSettings): ParsedSettings {
  return { ok: true, settings: { baseUrl: DEFAULT_BASE_URL, apiKey: instance.decryptedSecureJsonData.apiKey } };
}
