'use client';
/**
 * Past self-scores of one question: a sparkline for a glance, described in words for
 * screen readers, and a table of every attempt as the full text equivalent.
 */
import { MAX_SCORE, MIN_SCORE, type Attempt } from '@/lib/interview/progress-schema';
import { averageScore, trendDirection } from '@/lib/interview/select';
import { shortMinutes } from '@/lib/interview/timer';
import { formatWhen } from '@/lib/progress/format-time';

const W = 240;
const H = 56;
const PAD = 6;
/** The chart shows the most recent attempts; the table lists them all. */
const CHART_POINTS = 12;


export function ScoreTrend({ attempts }: { attempts: Attempt[] }) {
  if (attempts.length === 0) {
    return <p className="text-sm text-muted">No scores yet. Save a self-score to start your trend.</p>;
  }
  const recent = attempts.slice(-CHART_POINTS);
  const scores = recent.map((a) => a.score);
  const x = (i: number) => (recent.length === 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (recent.length - 1));
  const y = (s: number) => H - PAD - ((s - MIN_SCORE) * (H - 2 * PAD)) / (MAX_SCORE - MIN_SCORE);
  const direction = trendDirection(scores);
  const words = direction === 'up' ? 'rising' : direction === 'down' ? 'falling' : direction === 'flat' ? 'level' : 'one score so far';
  const description = `Self-scores, oldest to newest: ${scores.join(', ')} out of ${MAX_SCORE} (${words}).`;

  return (
    <div>
      <div className="flex flex-wrap items-center gap-4">
        <svg role="img" aria-label={description} width={W} height={H} viewBox={`0 0 ${W} ${H}`} className="rounded border border-border bg-canvas">
          {[MIN_SCORE, 3, MAX_SCORE].map((s) => (
            <line key={s} x1={0} x2={W} y1={y(s)} y2={y(s)} stroke="var(--color-border)" strokeDasharray="2 3" />
          ))}
          <polyline fill="none" stroke="var(--color-accent)" strokeWidth={2} points={recent.map((a, i) => `${x(i)},${y(a.score)}`).join(' ')} />
          {recent.map((a, i) => (
            <circle key={i} cx={x(i)} cy={y(a.score)} r={3} fill={a.mode === 'mock' ? 'var(--color-warn)' : 'var(--color-accent)'} />
          ))}
        </svg>
        <p className="text-sm">
          <span className="text-white">Last score {attempts.at(-1)!.score} of {MAX_SCORE}</span>
          <br />
          <span className="text-muted">
            {attempts.length} {attempts.length === 1 ? 'attempt' : 'attempts'} · average {averageScore(attempts.map((a) => a.score))} · trend {words}
          </span>
        </p>
      </div>
      <table className="mt-3 w-full border-collapse text-left text-sm">
        <caption className="sr-only">Every attempt at this question</caption>
        <thead>
          <tr className="border-b border-border text-muted">
            <th scope="col" className="py-1 pr-3 font-medium">Date</th>
            <th scope="col" className="py-1 pr-3 font-medium">Mode</th>
            <th scope="col" className="py-1 pr-3 font-medium">Score</th>
            <th scope="col" className="py-1 pr-3 font-medium">Key points</th>
            <th scope="col" className="py-1 pr-3 font-medium">Hints</th>
            <th scope="col" className="py-1 font-medium">Time</th>
          </tr>
        </thead>
        <tbody>
          {[...attempts].reverse().map((a, i) => (
            <tr key={`${a.at}-${i}`} className="border-b border-border">
              <td className="py-1 pr-3">{formatWhen(a.at)}</td>
              <td className="py-1 pr-3">{a.mode === 'mock' ? 'Mock interview' : 'Practice'}</td>
              <td className="py-1 pr-3 text-white">
                {a.score} / {MAX_SCORE}
              </td>
              <td className="py-1 pr-3">{a.total !== undefined ? `${a.covered ?? 0} of ${a.total}` : '—'}</td>
              <td className="py-1 pr-3">{a.hintsUsed}</td>
              <td className="py-1">{shortMinutes(a.elapsedMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
