'use client';
/**
 * Every frame, grouped by refId, as Grafana's Table with a header describing the frame
 * (name, refId, data plane type, rows) and its fields (type, labels, unit, display name).
 * Client-only: load it through `LazyFramesData`.
 */
import { startTransition, useEffect, useMemo, useState } from 'react';
import { Table } from '@grafana/ui';
import { QueryErrors } from './frames-panel';
import { FramesErrorBoundary, GrafanaThemeProvider, KeyboardScrollable, applyGrafanaOverrides, useContainerWidth } from './grafana-theme';
import { DATA_FRAMES_PER_PAGE, DATA_RESULT_LIMIT, DECODED_FRAME_LIMIT, FIELD_COLUMN_LIMIT, frameColumns, framePage, listForDataTab, withFieldDefaults, type FrameSummary, type ParsedFrame } from '@/lib/frames';
import { FrameContract, ResponseContract } from './frame-contract';
import type { FrameReport } from '@/lib/dataplane';
import { useFramesView, type FramesViewProps } from './use-frames-view';

/** Tallest a table gets; longer frames scroll inside it (Table virtualises rows). */
const TABLE_MAX_HEIGHT = 300;
const ROW_HEIGHT = 36;
/**
 * Rows handed to Grafana's Table at a time. Table prepares a row object for every row
 * it is given, even the ones it never draws: for a million-point answer that took
 * seconds and stalled the page, so long frames are shown a page at a time.
 */
export const ROWS_PER_PAGE = 1000;

/**
 * How many of the listed frames have their Table drawn: the ones drawn before, then one
 * more per animation frame, each in a transition, until all `listed` are. Never fewer than
 * before, so a new Run redraws its Tables in place, without placeholders.
 * Why: a Table, once mounted, sets its page size in an effect, an update React renders at
 * default priority, in one piece, for every Table mounted in the same commit: the ten
 * frames of a big result took one task of 100–190 ms. Mounted one at a time, each Table's
 * update is a short task of its own.
 */
function useTablesDrawn(listed: number): number {
  const [drawn, setDrawn] = useState(1);
  useEffect(() => {
    if (drawn >= listed) return;
    const frame = requestAnimationFrame(() => startTransition(() => setDrawn((n) => n + 1)));
    return () => cancelAnimationFrame(frame);
  }, [drawn, listed]);
  return drawn;
}

export function FramesData(props: FramesViewProps) {
  const [ref, width] = useContainerWidth();
  const view = useFramesView(props);
  const { results, parsed, summaries, contracts } = view;
  // Frames shown: a page at first, more on request (each is a Table); a new run starts over.
  const [limit, setLimit] = useState({ for: view, frames: DATA_FRAMES_PER_PAGE });
  const frameLimit = limit.for === view ? limit.frames : DATA_FRAMES_PER_PAGE;
  const listing = useMemo(() => listForDataTab(results, parsed, frameLimit), [results, parsed, frameLimit]);
  const total = listing.totalFrames;
  const tablesDrawn = useTablesDrawn(listing.shownFrames);
  let frameIndex = 0;

  return (
    <GrafanaThemeProvider>
      <div ref={ref} className="flex min-w-0 flex-col gap-6">
        {results.length === 0 && <p className="text-sm text-muted">No query results yet.</p>}
        {listing.sections.map(({ result, frames, problems, count }) => (
          <section key={result.refId} aria-label={`Query ${result.refId}`} className="flex flex-col gap-3">
            <h3 className="text-sm font-semibold text-white">
              Query {result.refId}{' '}
              <span className="font-normal text-muted">
                · {count.toLocaleString('en')} frame{count === 1 ? '' : 's'}
              </span>
            </h3>
            <QueryErrors results={[result]} problems={problems} />
            <ResponseContract refId={result.refId} violations={contracts.get(result.refId)?.response ?? []} />
            {count === 0 && !result.error && <p className="text-sm text-muted">The handler returned no frames for this query.</p>}
            {width > 0 &&
              frames.map((p) => (
                <FramesErrorBoundary key={p.key} what={`frame ${p.key}`} resetKey={p.frame}>
                  <FrameView parsed={p} summary={summaries.get(p.key)!} width={width} contract={contracts.get(p.refId)?.frames[p.index]} drawTable={frameIndex++ < tablesDrawn} />
                </FramesErrorBoundary>
              ))}
          </section>
        ))}
        {(listing.shownFrames < total || listing.hiddenResults > 0) && (
          <div className="flex flex-wrap items-center gap-3 text-sm text-muted" role="status">
            <span>
              Showing the first {listing.shownFrames.toLocaleString('en')} of {total.toLocaleString('en')} frames
              {listing.hiddenResults > 0 ? ` (${listing.sections.length} of ${results.length.toLocaleString('en')} queries)` : ''}.
              {!listing.more
                ? ` This tab lists at most ${DECODED_FRAME_LIMIT} frames and ${DATA_RESULT_LIMIT} queries, as more would stall the page; every frame is in the JSON tab (Download full JSON).`
                : ''}
            </span>
            {listing.more && (
              <button
                type="button"
                onClick={() => setLimit({ for: view, frames: frameLimit + DATA_FRAMES_PER_PAGE })}
                className="rounded border border-border bg-panel-2 px-3 py-1 text-white hover:border-accent"
              >
                Show {DATA_FRAMES_PER_PAGE} more frames
              </button>
            )}
          </div>
        )}
      </div>
    </GrafanaThemeProvider>
  );
}

/** One frame: its header, and its rows in Grafana's Table once `drawTable` (until then, a placeholder of the Table's height). */
function FrameView({ parsed, summary, width, contract, drawTable }: { parsed: ParsedFrame; summary: FrameSummary; width: number; contract?: FrameReport; drawTable: boolean }) {
  const [page, setPage] = useState({ for: parsed, index: 0 });
  const pageIndex = page.for === parsed ? page.index : 0; // a new run starts at the first page
  const rows = parsed.frame.length;
  const pages = Math.max(1, Math.ceil(rows / ROWS_PER_PAGE));
  const start = pageIndex * ROWS_PER_PAGE;
  const frame = useMemo(
    () => applyGrafanaOverrides([withFieldDefaults(frameColumns(framePage(parsed.frame, start, start + ROWS_PER_PAGE), FIELD_COLUMN_LIMIT))])[0],
    [parsed, start],
  );
  const fieldCount = parsed.frame.fields.length;
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
        {parsed.notes?.length || fieldCount > FIELD_COLUMN_LIMIT ? (
          <ul aria-label={`Frame ${summary.key} notes`} className="list-disc space-y-0.5 pl-5 text-xs text-warn">
            {parsed.notes?.map((note, i) => <li key={i}>{note}</li>)}
            {fieldCount > FIELD_COLUMN_LIMIT ? (
              <li>
                Showing the first {FIELD_COLUMN_LIMIT} of {fieldCount.toLocaleString('en')} fields: more would stall the page. Every field is in the JSON tab.
              </li>
            ) : null}
          </ul>
        ) : null}
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
                {summary.fields.slice(0, FIELD_COLUMN_LIMIT).map((f, i) => (
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
          {drawTable ? (
            <KeyboardScrollable>
              <Table data={frame} width={width - 2} height={tableHeight} ariaLabel={`Frame ${summary.key} rows`} />
            </KeyboardScrollable>
          ) : (
            <p style={{ height: tableHeight }} className="p-3 text-sm text-muted">
              Drawing the rows…
            </p>
          )}
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
