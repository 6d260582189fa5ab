/** Turns a RunRecord into the per-refId views the frame components draw. Pure. */
import type { QueryResultView } from '@/components/frames/prepare-frames';
import type { RunRecord } from '@/lib/engine/run';
import type { QueryDataRequest } from '@/lib/sdk/contract';
import type { WireQueryDataResponse } from '@/lib/runtime/wire';
import { redactText } from '@/lib/redact';

export function toResultViews(record: RunRecord | null): QueryResultView[] {
  if (!record || !record.output.ok || record.invocation !== 'queryData') return [];
  const { responses } = record.output.value as WireQueryDataResponse;
  const asked = (record.request as QueryDataRequest).queries.map((q) => q.refId);
  // Requested refIds first, in order; then any the handler added on its own.
  const refIds = [...asked, ...Object.keys(responses).filter((r) => !asked.includes(r))];
  const secrets = secretsOf(record);
  return refIds.map((refId) => {
    // Own entries only: a refId such as `toString` (saved or imported queries) must not find Object.prototype's member.
    const response = Object.prototype.hasOwnProperty.call(responses, refId) ? responses[refId] : undefined;
    const error = response?.error;
    return {
      refId,
      frames: response?.frames ?? [],
      // A handler that puts the key in its error message fails the lab's secret check;
      // the page still must not show the key, here as everywhere else.
      error: error
        ? { ...error, message: redactText(error.message, secrets) }
        : response
          ? undefined
          : { category: 'internal', message: `The handler returned no response for refId ${refId}.` },
    };
  }) as QueryResultView[];
}

/** The secret values of a run's settings, to hide wherever they appear. */
export function secretsOf(record: RunRecord | null): string[] {
  const settings = record?.request.pluginContext.dataSourceInstanceSettings;
  return Object.values(settings?.decryptedSecureJsonData ?? {}).filter((v) => typeof v === 'string' && v.length > 0);
}
