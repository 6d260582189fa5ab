/**
 * The Kubernetes results pictures render for every scenario of the starter and the
 * solution: an SVG with an accessible name, no NaN coordinates, and a secret's value
 * nowhere in the markup.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { simulateKubernetes } from '@/lib/simulations/kubernetes/simulate';
import { labFiles } from '@/lib/simulations/kubernetes/test-files';
import { ConfigPanel } from './config-panel';
import { PlanSteps } from './plan-steps';
import { PodTimeline } from './pod-timeline';
import { TrafficChart } from './traffic-chart';

describe.each(['starter', 'solution'] as const)('the %s', (which) => {
  const result = simulateKubernetes(labFiles(which)).result!;

  it('draws every scenario with named pictures and finite coordinates', () => {
    for (const scenario of result.scenarios) {
      const html = renderToStaticMarkup(createElement(PodTimeline, { scenario })) + renderToStaticMarkup(createElement(TrafficChart, { scenario }));
      expect(html).toMatch(/role="img" aria-label="Timeline of \d+ pods/);
      expect(html).toContain('aria-label="Queries answered and failed per second');
      expect(html).not.toContain('NaN');
    }
  });

  it('shows config and the plan without the API key', () => {
    const html = renderToStaticMarkup(createElement(ConfigPanel, { result })) + renderToStaticMarkup(createElement(PlanSteps, { steps: result.scenarios[0].plan ?? [], at: 140 }));
    expect(html).toContain('UPSTREAM_API_KEY');
    expect(html).not.toContain('lab-key-4f9c1e7a2b');
  });
});
