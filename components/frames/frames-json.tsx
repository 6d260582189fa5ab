'use client';
/**
 * The results as Grafana's `/api/ds/query` response body, pretty-printed, with Copy and
 * Download. Does not use @grafana/ui, so this view stays light. Load it through
 * `LazyFramesJson`.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { capText, stringifyJSON, toQueryDataResponse } from '@/lib/frames';
import { formatBytes } from '@/lib/format';
import { useFramesView, type FramesViewProps } from './use-frames-view';

/** Characters rendered in the <pre>; past this the browser gets sluggish. Copy and Download use the full text. */
export const JSON_RENDER_LIMIT = 200_000;
const BUTTON = 'rounded border border-border bg-panel-2 px-3 py-1 text-sm text-white hover:border-accent disabled:opacity-50';

type CopyState = 'idle' | 'copied' | 'failed';

export function FramesJson(props: FramesViewProps) {
  // The results are masked already (toRunView): Copy and Download give the masked wire format too.
  const { results } = useFramesView(props);
  const json = useMemo(() => stringifyJSON(toQueryDataResponse(results)), [results]);
  const text = 'text' in json ? json.text : '';
  const { shown, truncated } = useMemo(() => capText(text, JSON_RENDER_LIMIT), [text]);
  const bytes = useMemo(() => new TextEncoder().encode(text).length, [text]);
  const [copy, setCopy] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => setCopy('idle'), [text]);

  async function onCopy() {
    clearTimeout(timer.current);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setCopy('copied');
      timer.current = setTimeout(() => setCopy('idle'), 2500);
    } catch {
      setCopy('failed');
    }
  }

  function onDownload() {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'query-response.json';
    document.body.appendChild(a);
    a.click();
    a.remove();
    // Revoke after the click has been handled; revoking at once can cancel the download.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  if ('error' in json) {
    return (
      <p role="alert" className="rounded border border-bad/60 bg-bad/10 p-3 text-sm">
        {json.error}
      </p>
    );
  }

  return (
    <div className="flex min-w-0 flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={onCopy} className={BUTTON}>
          Copy JSON
        </button>
        <button type="button" onClick={onDownload} className={BUTTON}>
          Download full JSON
        </button>
        <span className="text-xs text-muted">{formatBytes(bytes)} · the body of Grafana&apos;s POST /api/ds/query response</span>
        <span role="status" className="text-sm">
          {copy === 'copied' && <span className="text-ok">Copied</span>}
          {copy === 'failed' && (
            <span className="text-warn">Copy didn&apos;t work here (the clipboard needs permission or HTTPS): download it, or select the text and copy.</span>
          )}
        </span>
      </div>
      {truncated && (
        <p className="text-xs text-warn">
          Showing the first {JSON_RENDER_LIMIT.toLocaleString('en')} characters of {formatBytes(bytes)}. Copy and Download give you all of it.
        </p>
      )}
      <pre
        tabIndex={0}
        aria-label="Query response JSON"
        className="max-h-[32rem] overflow-auto rounded border border-border bg-panel p-3 font-mono text-xs leading-relaxed text-text"
      >
        {shown}
        {truncated && '\n…'}
      </pre>
    </div>
  );
}
