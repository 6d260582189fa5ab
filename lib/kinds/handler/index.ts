/**
 * The `handler` kind: the learner writes a data source's query handler (or health
 * check); Run sends the request lab.json describes (with the learner's queries and
 * upstream scenario) to it in the sandbox, against the lab's mocked upstreams, and
 * each check runs it again with a request and scenario of its own.
 */
import { createCheckContext } from '../../checks/context';
import { blockingMessage } from '../../checks/runner';
import type { CheckContext } from '../../checks/types';
import { buildHealthRequest, buildQueryDataRequest } from '../../engine/request';
import { runOnce, type HandlerRunRecord } from '../../engine/run';
import { SCENARIO_PRESETS } from '../../upstreams/scenario';
import type { LabKind } from '../types';
import { defaultHandlerSettings, type HandlerSettings } from './settings';

export type { EditableQuery, HandlerSettings } from './settings';

export const handlerKind: LabKind<HandlerRunRecord, CheckContext> = {
  id: 'handler',

  run(env, lab, input, signal) {
    const run = lab.meta.run;
    if (!run) throw new Error(`Lab "${lab.id}" has no run settings in lab.json, so Run has nothing to send.`);
    const settings = { ...defaultHandlerSettings(lab.meta), ...(input.settings as Partial<HandlerSettings> | undefined) };
    const scenario = SCENARIO_PRESETS.find((p) => p.id === settings.scenarioId)?.scenario ?? {};
    if (run.invocation === 'checkHealth') {
      return runOnce(env.sandbox, { files: input.files, meta: lab.meta, invocation: 'checkHealth', request: buildHealthRequest(run), scenario, signal });
    }
    // A whole minute, so two Runs a moment apart ask the mocked upstream for the same data.
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const request = buildQueryDataRequest(run, now, { queries: settings.queries });
    return runOnce(env.sandbox, { files: input.files, meta: lab.meta, invocation: 'queryData', request, scenario, signal });
  },

  blockingError(record) {
    return record.output.ok ? undefined : blockingMessage(record.output.error);
  },

  markers(record) {
    const output = record.output;
    if (output.ok || !output.error.file || !output.error.line) return [];
    return [{ path: output.error.file, line: output.error.line, column: output.error.column ?? 1, message: output.error.message, severity: 'error' }];
  },

  checkContext(env, lab, files, signal) {
    return createCheckContext(env.sandbox, lab.meta, files, signal);
  },
};

export default handlerKind;
