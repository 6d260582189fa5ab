/**
 * The final image's config as `docker inspect` would show it: user, entrypoint and
 * command, working directory, exposed ports, environment (secret values arrive masked)
 * and labels, with the estimated size, dated and marked approximate.
 */
import type { DockerfileResult } from '@/lib/kinds/artifact/dockerfile/result';
import { formatBytes } from './format';

type Command = NonNullable<NonNullable<DockerfileResult['picture']['final']>['config']['entrypoint']>;

function commandText(c: Command): string {
  return c.form === 'exec' ? JSON.stringify(c.argv) : `${c.argv.slice(2).join(' ')} (shell form: run by /bin/sh -c)`;
}

export function ImageConfig({ result }: { result: DockerfileResult }) {
  const final = result.picture.final;
  if (!final) return <p className="text-sm text-muted">The build produced no image.</p>;
  const { config } = final;
  const env = Object.entries(config.env);
  const labels = Object.entries(config.labels);
  const user = config.user === '' ? 'root (no USER set)' : config.user;
  const rows: [string, string][] = [
    ['User', `${user}${config.uid === undefined ? ', not in /etc/passwd' : `, uid ${config.uid}`}${config.userLine ? ` (line ${config.userLine})` : ' (from the base image)'}`],
    ['Entrypoint', config.entrypoint ? `${commandText(config.entrypoint)} (line ${config.entrypoint.line})` : 'none'],
    ['Command', config.cmd ? `${commandText(config.cmd)} (line ${config.cmd.line})` : 'none'],
    ['Working directory', config.workdir],
    ['Exposed ports', config.exposedPorts.length ? config.exposedPorts.join(', ') : 'none'],
    ['Health check', config.healthcheck === undefined ? 'none' : config.healthcheck === 'none' ? 'disabled (HEALTHCHECK NONE)' : commandText(config.healthcheck)],
    ['CA certificates', final.hasCaCertificates ? '/etc/ssl/certs/ca-certificates.crt' : 'none: HTTPS calls will fail to verify'],
    ['Grafana runs', result.expectedBinaryPath],
  ];
  return (
    <div className="space-y-3 text-sm" data-testid="image-config">
      <p>
        Estimated size: <strong className="text-white">≈ {formatBytes(final.sizeBytes)}</strong>{' '}
        <span className="text-xs text-muted">
          (approximate: base image sizes from the lab&apos;s catalogue as of {result.catalogueAsOf}, plus the modelled layers)
        </span>
      </p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-muted">{term}</dt>
            <dd className="break-all">
              <code>{value}</code>
            </dd>
          </div>
        ))}
      </dl>
      <table className="w-full text-left text-xs" aria-label="Environment of the final image">
        <caption className="text-left text-sm text-muted">Environment (ENV), secret values hidden</caption>
        <thead className="text-muted">
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {env.length === 0 ? (
            <tr>
              <td colSpan={2} className="text-muted">
                none
              </td>
            </tr>
          ) : (
            env.map(([name, value]) => (
              <tr key={name} className="border-t border-border">
                <td>
                  <code>{name}</code>
                </td>
                <td className="break-all">
                  <code>{value}</code>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {labels.length ? (
        <p className="text-xs text-muted">
          Labels:{' '}
          {labels.map(([k, v]) => (
            <code key={k} className="mr-2">
              {k}={v}
            </code>
          ))}
        </p>
      ) : null}
    </div>
  );
}
