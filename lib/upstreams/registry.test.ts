import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { METRICS_API_KEY, METRICS_BASE_URL, METRICS_EU_BASE_URL } from './metrics';
import { UPSTREAMS } from './registry';
import { DEFAULT_SCENARIO } from './scenario';

describe('UPSTREAMS.metrics', () => {
  const handlers = UPSTREAMS.metrics.handlers(DEFAULT_SCENARIO);
  const get = (url: string) => getResponse(handlers, new Request(url, { headers: { authorization: `Bearer ${METRICS_API_KEY}` } }));

  it('answers both regions with the same key', async () => {
    expect((await get(`${METRICS_BASE_URL}/api/v1/status/buildinfo`))?.status).toBe(200);
    expect((await get(`${METRICS_EU_BASE_URL}/api/v1/status/buildinfo`))?.status).toBe(200);
  });

  it('answers no other host', async () => {
    expect(await get('https://us.prometheus.lab.test/api/v1/status/buildinfo')).toBeUndefined();
  });
});
