/** The lab's files could not be parsed or built: each error at file:line:column, with the tool's message. */
import type { FileError } from '@/lib/kinds/artifact/record';

export function ParseErrors({ errors, title, advice }: { errors: FileError[]; title: string; advice?: string }) {
  return (
    <div role="alert" className="rounded border border-bad/70 bg-bad/10 p-3 text-sm" data-testid="parse-errors">
      <p className="mb-1 font-bold text-bad">{title}</p>
      <ul className="space-y-1">
        {errors.map((e, i) => (
          <li key={i}>
            <code className="text-white">
              {e.file}:{e.line}:{e.column}
            </code>{' '}
            {e.message}
          </li>
        ))}
      </ul>
      {advice ? <p className="mt-1 text-xs text-muted">{advice}</p> : null}
    </div>
  );
}
