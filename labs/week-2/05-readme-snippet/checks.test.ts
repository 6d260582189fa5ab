/**
 * Correct READMEs written in other styles pass every check: the checks read claims,
 * not one layout. (The conformance test runs the solution, alternative/ and wrong/.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createCheckContext } from '@/lib/checks/context';
import { runChecks } from '@/lib/checks/runner';
import { loadAllLabs } from '@/lib/labs/load';
import { createNodeSandbox } from '@/lib/runtime/node/node-sandbox';
import checks from './checks';

const lab = loadAllLabs().find((l) => l.id === 'week-2/readme-snippet')!;
const sandbox = createNodeSandbox();
afterAll(() => sandbox.dispose());

async function failing(readme: string) {
  const results = await runChecks(checks, createCheckContext(sandbox, lab.meta, { ...lab.solution, 'README-snippet.md': readme }, undefined, { seed: 19 }));
  return results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.actual ?? r.status}`);
}

const PARAGRAPHS = `# Metrics

## Configuration

Two settings are needed. Put the API's address in \`baseUrl\`, which Grafana keeps in
jsonData as plain text; use https, such as https://prometheus.lab.test, because plain
http is refused. Put your key in \`apiKey\`: it is a secret setting, so Grafana stores it
encrypted and never sends it back to the browser.

## Queries

A query names a \`metric\` (required). Its \`aggregation\` is avg, sum, min or max; when it
is left out the handler uses avg. With \`groupBy\` you list up to five labels to keep
apart; leave it out to get a single series.

\`\`\`json
{ "metric": "queue_depth", "aggregation": "max" }
\`\`\`

## Results

You get one data frame per series (timeseries-multi), with a time field and a value field
that holds the labels. A query that cannot be answered gets an error instead: validation,
auth, timeout, rate_limit or upstream, with a message that says what to change.
`;

const PROVISIONING = `# Metrics

## Getting started

Provision the data source; the address goes under jsonData and the key under
secureJsonData, where Grafana encrypts it. Only https addresses are accepted.

\`\`\`yaml
jsonData:
  baseUrl: https://eu.prometheus.lab.test
secureJsonData:
  apiKey: <paste your API key>
\`\`\`

## The query model

- \`metric\`: required, e.g. \`memory_used_bytes\`.
- \`aggregation\`: \`avg\` (the default), \`sum\`, \`min\` or \`max\`.
- \`groupBy\`: optional list of up to 5 label names; none by default.

\`\`\`json
{ "metric": "memory_used_bytes", "groupBy": ["instance"] }
\`\`\`

## The response

Frames of type \`timeseries-multi\`, one per series: a \`time\` field and a \`value\`
field carrying the labels. On failure a query gets an error with a category
(\`validation\`, \`auth\`, \`timeout\`, \`rate_limit\` or \`upstream\`) instead of frames.
`;

describe('readme-snippet checks', () => {
  it('pass a README written as paragraphs', async () => {
    expect(await failing(PARAGRAPHS)).toEqual([]);
  });
  it('pass a README that shows the settings as provisioning YAML', async () => {
    expect(await failing(PROVISIONING)).toEqual([]);
  });
});
