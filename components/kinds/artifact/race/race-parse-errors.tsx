/** A Go file the model cannot run: each error at file:line:column, with what to do. */
import type { FileError } from '@/lib/kinds/artifact/record';

export function RaceParseErrors({ errors }: { errors: FileError[] }) {
  return (
    <div role="alert" className="rounded border border-bad/70 bg-bad/10 p-3 text-sm" data-testid="parse-errors">
      <p className="mb-1 font-bold text-bad">
        {errors.length === 1 ? 'A program does not compile' : 'Some programs do not compile'} in the model, so nothing was run. Your text is kept in the editor, with the error marked at its line.
      </p>
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
      <p className="mt-1 text-xs text-muted">The model runs a part of Go: when the message says a construct is not supported, write it with what the other programs use (mutexes, channels, WaitGroups, atomics, maps).</p>
    </div>
  );
}
