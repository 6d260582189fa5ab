'use client';
/**
 * Every frame, grouped by refId, as Grafana's Table with a header describing the frame
 * (name, refId, data plane type, rows) and its fields (type, labels, unit, display name).
 * Client-only: load it through `LazyFramesData`.
 */
import { useMemo, useState } from 'react';
import { Table } from '@grafana/ui';
import { QueryErrors } from './frames-panel';
import { FramesErrorBoundary, GrafanaThemeProvider, KeyboardScrollable, applyGrafanaOverrides, useContainerWidth } from './grafana-theme';
import { framePage, withFieldDefaults, type FrameSummary, type ParsedFrame } from '@/lib/frames';
import { FrameContract, ResponseContract } from './frame-contract';
import type { FrameReport } from '@/lib/dataplane';
import { useFramesView, type FramesViewProps } from './use-frames-view';

/** Frames rendered before "Show all": each Table is a sizeable React tree. */
const FRAME_LIMIT = 20;
/** Tallest a table gets; longer frames scroll inside it (Table virtualises rows). */
const TABLE_MAX_HEIGHT = 300;
const ROW_HEIGHT = 36;
/**
 * Rows handed to Grafana's Table at a time. Table prepares a row object for every row
 * it is given, even the ones it never draws: for a million-point answer that took
 * seconds and stalled the page, so long frames are shown a page at a time.
 */
export const ROWS_PER_PAGE = 1000;

export function FramesData(props: FramesViewProps) {
  const [ref, width] = useContainerWidth();
  const [showAll, setShowAll] = useState(false);
  const { results, parsed, summaries, contracts } = useFramesView(props);
  const total = parsed.frames.length;
  const visible = new Set((showAll ? parsed.frames : parsed.frames.slice(0, FRAME_LIMIT)).map((p) => p.key));

  return (
    <GrafanaThemeProvider>
      <div ref={ref} className="flex min-w-0 flex-col gap-6">
        {results.length === 0 && <p className="text-sm text-muted">No query results yet.</p>}
        {results.map((result) => {
          const frames = parsed.frames.filter((p) => p.refId === result.refId && visible.has(p.key));
          const count = Array.isArray(result.frames) ? result.frames.length : 0;
          return (
            <section key={result.refId} aria-label={`Query ${result.refId}`} className="flex flex-col gap-3">
              <h3 className="text-sm font-semibold text-white">
                Query {result.refId}{' '}
                <span className="font-normal text-muted">
                  · {count} frame{count === 1 ? '' : 's'}
                </span>
              </h3>
              <QueryErrors results={[result]} problems={parsed.problems.filter((p) => p.refId === result.refId)} />
              <ResponseContract refId={result.refId} violations={contracts[result.refId]?.response ?? []} />
              {count === 0 && !result.error && <p className="text-sm text-muted">The handler returned no frames for this query.</p>}
              {width > 0 &&
                frames.map((p) => (
                  <FramesErrorBoundary key={p.key} what={`frame ${p.key}`} resetKey={p.frame}>
                    <FrameView parsed={p} summary={summaries[p.key]} width={width} contract={contracts[p.refId]?.frames[p.index]} />
                  </FramesErrorBoundary>
                ))}
            </section>
          );
        })}
        {!showAll && total > FRAME_LIMIT && (
          <div className="flex items-center gap-3 text-sm text-muted">
            <span>
              Showing {FRAME_LIMIT} of {total} frames.
            </span>
            <button type="button" onClick={() => setShowAll(true)} className="rounded border border-border bg-panel-2 px-3 py-1 text-white hover:border-accent">
              Show all {total} frames
            </button>
          </div>
        )}
      </div>
    </GrafanaThemeProvider>
  );
}

function FrameView({ parsed, summary, width, contract }: { parsed: ParsedFrame; summary: FrameSummary; width: number; contract?: FrameReport }) {
  const [page, setPage] = useState({ for: parsed, index: 0 });
  const pageIndex = page.for === parsed ? page.index : 0; // a new run starts at the first page
  const rows = parsed.frame.length;
  const pages = Math.max(1, Math.ceil(rows / ROWS_PER_PAGE));
  const start = pageIndex * ROWS_PER_PAGE;
  const frame = useMemo(
    () => applyGrafanaOverrides([withFieldDefaults(framePage(parsed.frame, start, start + ROWS_PER_PAGE))])[0],
    [parsed, start],
  );
  const tableHeight = Math.min(TABLE_MAX_HEIGHT, ROW_HEIGHT * (Math.max(frame.length, 1) + 1) + 4);
  const headingId = `frame-${summary.key}-heading`;

  return (
    <article aria-labelledby={headingId} className="rounded border border-border bg-panel">
      <header className="flex flex-col gap-2 border-b border-border p-3">
        <h4 id={headingId} className="text-sm font-semibold text-white">
          Frame {summary.key}
          <span className="ml-2 font-normal text-muted">{summary.name !== undefined ? `“${summary.name}”` : '(no name)'}</span>
        </h4>
        <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs">
          <Meta term="refId" value={summary.refId} />
          <Meta
            term="Data plane type"
            value={summary.dataplaneType ? `${summary.dataplaneType}${summary.typeVersion ? ` v${summary.typeVersion}` : ''}` : 'not declared'}
            muted={!summary.dataplaneType}
          />
          <Meta term="Rows" value={String(summary.rows)} />
          <Meta term="Fields" value={String(summary.fields.length)} />
        </dl>
        <FrameContract frameKey={summary.key} report={contract} />
        {summary.fields.length > 0 && (
          <div className="overflow-x-auto">
            <table aria-label={`Frame ${summary.key} fields`} className="w-full text-left text-xs">
              <thead className="text-muted">
                <tr>
                  <th className="py-1 pr-4 font-normal">Field</th>
                  <th className="py-1 pr-4 font-normal">Type</th>
                  <th className="py-1 pr-4 font-normal">Labels</th>
                  <th className="py-1 pr-4 font-normal">Unit</th>
                  <th className="py-1 font-normal">Display name</th>
                </tr>
              </thead>
              <tbody className="font-mono">
                {summary.fields.map((f, i) => (
                  <tr key={i} className="border-t border-border/60">
                    <td className="py-1 pr-4 text-white">{f.name || <span className="text-muted">(empty)</span>}</td>
                    <td className="py-1 pr-4">{f.type}</td>
                    <td className="break-all py-1 pr-4">{f.labels || <span className="text-muted">–</span>}</td>
                    <td className="py-1 pr-4">{f.unit ?? <span className="text-muted">–</span>}</td>
                    <td className="py-1">{f.displayName ?? <span className="text-muted">–</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </header>
      {frame.fields.length === 0 ? (
        <p className="p-3 text-sm text-muted">This frame has no fields.</p>
      ) : frame.length === 0 ? (
        <p className="p-3 text-sm text-muted">This frame has no rows.</p>
      ) : (
        <>
          {pages > 1 && (
            <nav aria-label={`Frame ${summary.key} row pages`} className="flex items-center gap-3 border-b border-border px-3 py-2 text-xs text-muted">
              <span aria-live="polite">
                Rows {(start + 1).toLocaleString('en')}–{Math.min(start + ROWS_PER_PAGE, rows).toLocaleString('en')} of {rows.toLocaleString('en')}
              </span>
              <button type="button" disabled={pageIndex === 0} onClick={() => setPage({ for: parsed, index: pageIndex - 1 })} className="rounded border border-border bg-panel-2 px-2 py-0.5 text-white enabled:hover:border-accent disabled:opacity-40">
                Previous {ROWS_PER_PAGE.toLocaleString('en')}
              </button>
              <button type="button" disabled={pageIndex >= pages - 1} onClick={() => setPage({ for: parsed, index: pageIndex + 1 })} className="rounded border border-border bg-panel-2 px-2 py-0.5 text-white enabled:hover:border-accent disabled:opacity-40">
                Next {ROWS_PER_PAGE.toLocaleString('en')}
              </button>
              <span>Every row is in the JSON tab (Download full JSON).</span>
            </nav>
          )}
          <KeyboardScrollable>
            <Table data={frame} width={width - 2} height={tableHeight} ariaLabel={`Frame ${summary.key} rows`} />
          </KeyboardScrollable>
        </>
      )}
    </article>
  );
}

function Meta({ term, value, muted }: { term: string; value: string; muted?: boolean }) {
  return (
    <div className="flex gap-1.5">
      <dt className="text-muted">{term}</dt>
      <dd className={muted ? 'italic text-muted' : 'font-mono text-white'}>{value}</dd>
    </div>
  );
}
