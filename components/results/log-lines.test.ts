/**
 * The shared log table: both of its callers' shapes (the Logs tab and the operate Log
 * stream) name the table by its caption, format time as told, and mark console lines
 * only when asked.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { LogEntry } from '@/lib/runtime/wire';
import { LogLines, type LogLinesProps } from './log-lines';

const entries: LogEntry[] = [
  { level: 'info', message: 'query done', fields: { traceID: 'abc', rows: 3, cached: false, note: null }, source: 'logger', atMs: 12 },
  { level: 'error', message: 'query failed', fields: {}, source: 'console', atMs: 1_500 },
];
const lines = entries.map((entry, index) => ({ index, entry }));
const render = (props: Partial<LogLinesProps>) =>
  renderToStaticMarkup(createElement(LogLines, { lines, caption: 'Log entries', timeHeading: 'Time', formatTime: (ms: number) => `+${ms} ms`, ...props }));

describe('LogLines', () => {
  it('draws one row per entry with time, level, message and fields as key=JSON', () => {
    const html = render({});
    expect(html.match(/<tr class="border-t/g)).toHaveLength(2);
    expect(html).toContain('<th scope="col" class="w-20 py-1">Time</th>');
    expect(html).toContain('>+12 ms</td><td class="text-accent">info</td>');
    expect(html).toContain('>+1500 ms</td><td class="text-bad">error</td>');
    expect(html).toContain('traceID=&quot;abc&quot; rows=3 cached=false note=null');
  });

  it('hides the caption from sight unless asked, and keeps it as the name either way', () => {
    expect(render({})).toContain('<caption class="sr-only">Log entries</caption>');
    expect(render({ caption: 'Log lines (2)', captionVisible: true })).toContain('<caption class="pb-1 text-left text-muted">Log lines (2)</caption>');
  });

  it('marks console lines only when asked', () => {
    expect(render({})).not.toContain('(console)');
    const marked = render({ markConsole: true });
    expect(marked.match(/\(console\)/g)).toHaveLength(1);
    expect(marked).toContain('query failed<span class="ml-2 text-xs text-muted">(console)</span>');
  });

  it('is smaller in compact density, with the caller’s time heading and format', () => {
    const html = render({ density: 'compact', timeHeading: 'At', formatTime: (ms: number) => `t${ms}` });
    expect(html).toContain('<table class="w-full text-left text-xs">');
    expect(html).toContain('<th scope="col" class="w-20 py-0.5">At</th><th scope="col" class="w-12">Level</th>');
    expect(html).toContain('<td class="py-0.5 text-muted">t12</td>');
    expect(html).toContain('<td class="break-all">traceID=');
  });
});
