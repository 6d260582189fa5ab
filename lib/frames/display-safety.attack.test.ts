import { describe, expect, it } from 'vitest';
import { createDataFrame, FieldType } from '@grafana/data';
import { displaySafeConfig, displaySafeFrame } from './display-safety';

describe('displaySafeConfig (attack: learner field config that loads or runs something)', () => {
  it('turns image, markdown and custom cells into plain text cells', () => {
    for (const type of ['image', 'markdown', 'custom']) {
      expect(displaySafeConfig({ custom: { cellOptions: { type }, width: 90 } }).custom).toEqual({ cellOptions: { type: 'auto' }, width: 90 });
    }
    expect(displaySafeConfig({ custom: { displayMode: 'image' } }).custom).toEqual({});
    expect(displaySafeConfig({ custom: { cellOptions: { type: 'color-text' } } }).custom).toEqual({ cellOptions: { type: 'color-text' } });
  });

  it('keeps http(s) and relative data links and drops script, data and protocol-relative ones', () => {
    const links = ['https://grafana.com/docs', '/explore?x=1', 'javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', '//evil.test/x', 'vbscript:x'].map(
      (url) => ({ title: url, url }),
    );
    expect(displaySafeConfig({ links }).links?.map((l) => l.url)).toEqual(['https://grafana.com/docs', '/explore?x=1']);
  });

  it('drops actions and colours that are not plain colour values', () => {
    const config = displaySafeConfig({
      actions: [{ title: 'x', fetch: { url: 'https://evil.test' } }],
      color: { mode: 'fixed', fixedColor: 'red; background-image: url(https://evil.test/x)' },
      thresholds: { mode: 'absolute', steps: [{ value: -Infinity, color: 'green' }, { value: 80, color: 'url(https://evil.test)' }] },
    } as never);
    expect(config).not.toHaveProperty('actions');
    expect(config.color).toEqual({ mode: 'fixed' });
    expect(config.thresholds?.steps).toEqual([{ value: -Infinity, color: 'green' }, { value: 80 }]);
    expect(displaySafeConfig({ color: { mode: 'fixed', fixedColor: 'rgba(1, 2, 3, 0.5)' } }).color?.fixedColor).toBe('rgba(1, 2, 3, 0.5)');
  });

  it('leaves names, units and display names alone: React renders them as text', () => {
    const frame = createDataFrame({ name: '<img src=x onerror=alert(1)>', fields: [{ name: '<script>', type: FieldType.string, values: ['<b>'], config: { unit: '<svg onload=alert(1)>', displayName: 'javascript:alert(1)' } }] });
    const safe = displaySafeFrame(frame);
    expect(safe.name).toBe(frame.name);
    expect(safe.fields[0].config).toEqual({ unit: '<svg onload=alert(1)>', displayName: 'javascript:alert(1)' });
    expect(safe.fields[0].values).toBe(frame.fields[0].values);
  });
});
