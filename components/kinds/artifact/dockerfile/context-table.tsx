/** The build context: every repository file, sent to the builder or left out by .dockerignore. */
import type { DockerfileResult } from '@/lib/kinds/artifact/dockerfile/result';
import { formatBytes } from './format';

export function ContextTable({ result }: { result: DockerfileResult }) {
  const { files, sentBytes, fileCount } = result.picture.context;
  const left = files.filter((f) => f.ignored);
  return (
    <div className="text-sm" data-testid="context-table">
      <p className="mb-2">
        The client sent {fileCount} files ({formatBytes(sentBytes)}) to the builder; your <code>.dockerignore</code> left out {left.length} (
        {formatBytes(left.reduce((n, f) => n + f.sizeBytes, 0))}). A file left out cannot be copied into any stage.
      </p>
      <table className="w-full text-left text-xs" aria-label="Files of the build context">
        <thead className="text-muted">
          <tr>
            <th scope="col">Path</th>
            <th scope="col" className="text-right">
              Size
            </th>
            <th scope="col">Context</th>
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr key={f.path} className="border-t border-border">
              <td className="break-all">
                <code>{f.path}</code>
              </td>
              <td className="text-right">{formatBytes(f.sizeBytes)}</td>
              <td className={f.ignored ? 'text-muted' : ''}>{f.ignored ? 'left out' : 'sent'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
