/**
 * A program's source with line numbers, some lines marked (the two accesses of a race,
 * the line a goroutine is stuck on). Each mark carries its text next to the line, so it
 * reads the same without colour and for a screen reader.
 */
export interface LineMark {
  line: number;
  /** "A: read by goroutine 8". */
  text: string;
  tone: 'a' | 'b' | 'warn';
}

const TONE = { a: 'bg-bad/20 border-l-2 border-bad', b: 'bg-accent/15 border-l-2 border-accent', warn: 'bg-warn/15 border-l-2 border-warn' } as const;
const BADGE = { a: 'text-bad', b: 'text-accent', warn: 'text-warn' } as const;

export function SourceListing({ source, marks, label }: { source: string; marks: LineMark[]; label: string }) {
  const lines = source.replace(/\n$/, '').split('\n');
  return (
    <figure aria-label={label} className="overflow-x-auto rounded border border-border bg-canvas text-xs">
      <ol className="py-1 font-mono">
        {lines.map((text, i) => {
          const n = i + 1;
          const here = marks.filter((m) => m.line === n);
          return (
            <li key={n} className={`flex gap-3 px-2 ${here.length ? TONE[here[0].tone] : 'border-l-2 border-transparent'}`} data-line={n} data-marked={here.length ? 'true' : undefined}>
              <span className="w-6 shrink-0 select-none text-right text-muted" aria-hidden="true">
                {n}
              </span>
              <span className="sr-only">line {n}: </span>
              <code className="whitespace-pre text-white">{text || ' '}</code>
              {here.map((m) => (
                <span key={m.text} className={`ml-auto shrink-0 pl-3 font-sans ${BADGE[m.tone]}`}>
                  ← {m.text}
                </span>
              ))}
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
