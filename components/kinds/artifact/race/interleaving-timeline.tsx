'use client';
/**
 * The interleaving of one run as a picture: time (scheduling steps) to the right, one
 * row per goroutine, a bar wherever that goroutine ran, and the two accesses of the
 * first race marked A and B on their rows. By default it zooms to the steps around the
 * race; "Whole run" shows everything. The figure's text alternative says the same.
 */
import { useState } from 'react';
import type { RunDetail } from '@/lib/kinds/artifact/race/result';
import { raceWindow, timelineLayout } from './timeline-layout';

const WIDTH = 760;
const LEFT = 150;
const ROW = 24;
const TOP = 22;

export function InterleavingTimeline({ detail }: { detail: RunDetail }) {
  const race = detail.report[0];
  const total = detail.slices.reduce((sum, [, n]) => sum + n, 0);
  const [zoom, setZoom] = useState(Boolean(race));
  const shown = race && zoom ? raceWindow(race.current.step, race.previous.step, total) : undefined;
  const layout = timelineLayout(detail, shown);
  const span = Math.max(1, layout.to - layout.from + 1);
  const plot = WIDTH - LEFT - 10;
  const x = (step: number) => LEFT + ((step - layout.from) / span) * plot;
  const rowOf = new Map(layout.rows.map((r, i) => [r.goroutine, i]));
  const height = TOP + layout.rows.length * ROW + 18;
  const marks = layout.marks;
  const earliest = Math.min(...marks.map((m) => m.step));
  const description = race
    ? `Steps ${layout.from} to ${layout.to} of ${total}, ${layout.rows.length} goroutines. ` +
      marks.map((m) => `${m.label}: ${m.op} at line ${m.line} by ${m.goroutine === 1 ? 'main' : `goroutine ${m.goroutine}`}, step ${m.step}.`).join(' ') +
      ` The scheduler switched goroutines ${layout.switches} times in between; nothing synchronised the two accesses.`
    : `Steps 1 to ${total} of seed ${detail.seed}, ${layout.rows.length} goroutines, ${layout.switches} switches between them.`;

  return (
    <figure className="space-y-1" data-testid="interleaving">
      <div className="flex items-center justify-between gap-2">
        <figcaption className="text-sm text-white">Which goroutine ran when (seed {detail.seed})</figcaption>
        {race ? (
          <button type="button" aria-pressed={!zoom} onClick={() => setZoom((z) => !z)} className="rounded border border-border px-2 py-0.5 text-xs hover:text-white">
            {zoom ? 'Whole run' : 'Around the race'}
          </button>
        ) : null}
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="w-full max-w-4xl" role="img" aria-label={`Timeline of the goroutines of seed ${detail.seed}, described below`}>
        <text x={LEFT} y={12} className="fill-muted text-[10px]">
          step {layout.from}
        </text>
        <text x={WIDTH - 10} y={12} textAnchor="end" className="fill-muted text-[10px]">
          step {layout.to}
          {detail.truncated && !shown ? ' (later steps not kept)' : ''}
        </text>
        {layout.rows.map((r, i) => (
          <g key={r.goroutine}>
            <text x={4} y={TOP + i * ROW + 15} className="fill-current text-[11px]">
              {r.label}
            </text>
            <line x1={LEFT} x2={WIDTH - 10} y1={TOP + i * ROW + ROW / 2} y2={TOP + i * ROW + ROW / 2} className="stroke-border" />
          </g>
        ))}
        {layout.bars.map((b, i) => {
          const row = rowOf.get(b.goroutine) ?? 0;
          return <rect key={i} x={x(b.from)} y={TOP + row * ROW + 5} width={Math.max(1, x(b.to + 1) - x(b.from))} height={ROW - 10} className="fill-accent/60" />;
        })}
        {marks.map((m) => {
          const row = rowOf.get(m.goroutine) ?? 0;
          const cx = x(m.step + 0.5);
          const cy = TOP + row * ROW + ROW / 2;
          const tone = m.label === 'A' ? 'fill-bad stroke-bad' : 'fill-warn stroke-warn';
          return (
            <g key={m.label}>
              <title>{`${m.label}: ${m.op} at line ${m.line}, step ${m.step}`}</title>
              <line x1={cx} x2={cx} y1={TOP - 4} y2={TOP + layout.rows.length * ROW} className={tone} strokeDasharray="3 3" />
              <circle cx={cx} cy={cy} r={7} className={tone} />
              <text x={cx} y={cy + 3.5} textAnchor="middle" className="fill-canvas text-[10px] font-bold">
                {m.label}
              </text>
              <text
                x={marks.length > 1 && m.step === earliest ? cx - 9 : cx + 9}
                textAnchor={marks.length > 1 && m.step === earliest ? 'end' : 'start'}
                y={TOP + layout.rows.length * ROW + 12}
                className="fill-current text-[10px]"
              >
                {m.op} line {m.line}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="text-xs text-muted">{description}</p>
    </figure>
  );
}
