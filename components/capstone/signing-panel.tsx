/**
 * The stable release as signed: how the release job built, signed and published it,
 * each file with its SHA-256 and whether the manifest covers it, MANIFEST.txt, and what
 * a Grafana of the fleet says of a genuine, a tampered and an unsigned copy.
 */
import type { SigningInfo } from '@/lib/kinds/artifact/release/result';

const ACTION = { 'build-frontend': 'built the frontend', 'build-backend': 'built the backend', upload: 'uploaded the files', download: 'downloaded the files', sign: 'signed the manifest', publish: 'published' } as const;

export function SigningPanel({ signing }: { signing: SigningInfo }) {
  return (
    <div className="space-y-3 text-xs" data-testid="signing-panel">
      <p>
        Real cryptography, lab key: {signing.algorithm} over MANIFEST.txt with WebCrypto; key id <code>{signing.keyId}</code>, public key{' '}
        <code className="break-all">{signing.publicKey}</code>. The files are small stand-ins for the bundle and binaries.
        {signing.source === 'reference-build' ? ` Your workflows published nothing for ${signing.tag}, so the install cases below use the lab's own signed build.` : ` Release ${signing.tag}:`}
      </p>
      {signing.steps.length ? (
        <ol className="list-decimal space-y-0.5 pl-5" aria-label="How the release was made">
          {signing.steps.map((s, i) => (
            <li key={i}>
              {s.job} › {s.step}: {ACTION[s.action]} ({s.files.length} files)
            </li>
          ))}
        </ol>
      ) : null}
      <table className="w-full text-left" aria-label="Files of the release">
        <thead className="text-muted">
          <tr>
            <th scope="col">File</th>
            <th scope="col">Bytes</th>
            <th scope="col">SHA-256</th>
            <th scope="col">In the manifest</th>
          </tr>
        </thead>
        <tbody>
          {signing.files.map((f) => (
            <tr key={f.path} className="border-t border-border">
              <td>
                <code>{f.path}</code>
              </td>
              <td>{f.bytes}</td>
              <td>
                <code className="break-all text-muted">{f.sha256.slice(0, 16)}…</code>
              </td>
              <td className={f.path === 'MANIFEST.txt' || f.inManifest ? '' : 'text-bad'}>{f.path === 'MANIFEST.txt' ? '(the manifest)' : f.inManifest ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 className="text-sm text-white">At install (allow-unsigned: {String(signing.allowUnsigned)})</h4>
      <ul className="space-y-1" aria-label="Install checks">
        {signing.installs.map((i) => (
          <li key={i.id} data-testid={`install-${i.id}`}>
            <span className={i.loads === (i.id === 'genuine') ? 'text-ok' : 'text-bad'}>{i.loads ? 'loaded' : 'refused'}</span> {i.description}: Grafana says “{i.status}” ({i.reason})
          </li>
        ))}
      </ul>
      <details>
        <summary className="cursor-pointer text-muted">MANIFEST.txt</summary>
        <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded border border-border p-2">{signing.manifest ?? 'No manifest: the release is unsigned.'}</pre>
      </details>
    </div>
  );
}
