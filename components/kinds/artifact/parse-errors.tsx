/** The deliverable did not parse: each error at file:line:column, with the parser's message. */
import type { FileError } from '@/lib/kinds/artifact/record';

export function ParseErrors({ errors }: { errors: FileError[] }) {
  return (
    <div role="alert" className="rounded border border-bad/70 bg-bad/10 p-3 text-sm" data-testid="parse-errors">
      <p className="mb-1 font-bold text-bad">The workflow does not parse, so nothing was simulated. Your text is kept in the editor.</p>
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
    </div>
  );
}
