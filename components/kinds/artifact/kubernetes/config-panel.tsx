'use client';
/**
 * What the kubelet makes of the container: where each variable comes from (never a
 * secret's value), literal secrets found outside a Secret, the QoS class, and each
 * scenario's peak working set against limits.memory.
 */
import type { KubernetesResult } from '@/lib/kinds/artifact/kubernetes/result';

const MI = 1024 * 1024;

export function ConfigPanel({ result }: { result: KubernetesResult }) {
  const memory = result.scenarios.map((s) => ({ title: s.title, peak: Math.max(0, ...s.pods.map((p) => p.peakMemory)), limit: s.pods[0]?.memoryLimit, oom: s.pods.reduce((n, p) => n + p.restarts.filter((r) => r.reason === 'OOMKilled').length, 0) }));
  return (
    <div className="space-y-4" data-testid="config-panel">
      <table className="w-full text-left text-xs">
        <caption className="mb-1 text-left text-sm text-white">The container’s environment, as the kubelet resolves it</caption>
        <thead className="text-muted">
          <tr>
            <th scope="col">Variable</th>
            <th scope="col">Comes from</th>
            <th scope="col">Written at</th>
          </tr>
        </thead>
        <tbody>
          {result.envSources.length ? (
            result.envSources.map((e) => (
              <tr key={e.name}>
                <td>
                  <code>{e.name}</code>
                </td>
                <td className={e.source === 'literal' && e.name.includes('KEY') ? 'text-bad' : ''}>{e.source === 'literal' ? 'a literal value' : `${e.source === 'secret' ? 'Secret' : 'ConfigMap'} ${e.from}`}</td>
                <td>
                  {e.file}:{e.line}
                </td>
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={3} className="text-bad">
                The container cannot start: a ConfigMap or Secret it references is missing.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {result.secretLiterals.length ? (
        <ul className="text-xs text-bad" aria-label="Secrets outside a Secret">
          {result.secretLiterals.map((l) => (
            <li key={`${l.file}:${l.line}`}>
              {l.file}:{l.line}: {l.what}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="text-xs">
        QoS class: <strong className="text-white">{result.qos}</strong>
        <span className="text-muted"> (BestEffort pods are evicted first when a node runs short of memory)</span>
      </p>
      <table className="w-full text-left text-xs">
        <caption className="mb-1 text-left text-sm text-white">Peak working set per scenario</caption>
        <thead className="text-muted">
          <tr>
            <th scope="col">Scenario</th>
            <th scope="col">Peak</th>
            <th scope="col">limits.memory</th>
            <th scope="col">OOM kills</th>
          </tr>
        </thead>
        <tbody>
          {memory.map((m) => (
            <tr key={m.title}>
              <td>{m.title}</td>
              <td>{Math.round(m.peak / MI)} Mi</td>
              <td>{m.limit === undefined ? 'none' : `${Math.round(m.limit / MI)} Mi`}</td>
              <td className={m.oom ? 'text-bad' : ''}>{m.oom}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
