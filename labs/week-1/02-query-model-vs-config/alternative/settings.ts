import { z } from 'zod';
import type { DataSourceInstanceSettings } from '@lab/sdk';

/** The minimum step when the config page saved none: the upstream scrapes every 15 s. */
const DEFAULT_MIN_STEP_SECONDS = 15;

/** jsonData as saved; plain text that any user of the data source can read, so never a secret. */
export const jsonDataSchema = z.object({
  /** Smallest step to ask the upstream for, in seconds: how often it scrapes. */
  minStepSeconds: z.number().int().min(1).max(3600).optional(),
});

/** jsonData with defaults filled in. */
export interface MetricsJsonData {
  minStepSeconds: number;
}

/** secureJsonData: stored encrypted, decrypted only for the backend. */
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
  const parsed = jsonDataSchema.safeParse(instance.jsonData ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `The data source settings are invalid: jsonData.${issue.path.join('.')} ${issue.message}. Fix them on the data source's settings page.` };
  }
  const secure = instance.decryptedSecureJsonData ?? {};
  return {
    ok: true,
    settings: {
      url: instance.url,
      jsonData: { minStepSeconds: parsed.data.minStepSeconds ?? DEFAULT_MIN_STEP_SECONDS },
      secure: { apiKey: secure.apiKey },
    },
  };
}
