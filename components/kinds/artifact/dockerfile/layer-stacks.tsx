/**
 * The picture of the build: one stack per stage, newest layer on top and the base image
 * at the bottom, as the layers sit on each other. Each layer shows its line, instruction,
 * size and what it adds; opening it (Enter on its summary) lists its biggest files. The
 * final image is highlighted; build stages are marked as thrown away. A layer holding a
 * secret is flagged in words, and stays flagged when a later line deletes the file.
 */
import type { DockerfileLayerPicture, DockerfileResult, DockerfileStagePicture } from '@/lib/kinds/artifact/dockerfile/result';
import { blockHeightRem, formatBytes, stageTitle } from './format';

export function LayerStacks({ result }: { result: DockerfileResult }) {
  const { stages } = result.picture;
  return (
    <div className="flex flex-wrap items-end gap-4" data-testid="layer-picture">
      {stages.map((stage) => (
        <StageStack key={stage.index} stage={stage} stages={stages} />
      ))}
    </div>
  );
}

function StageStack({ stage, stages }: { stage: DockerfileStagePicture; stages: DockerfileStagePicture[] }) {
  const title = stageTitle(stage, stages);
  const newestFirst = [...stage.layers].reverse();
  return (
    <section
      aria-label={`${title}: about ${formatBytes(stage.sizeBytes)}${stage.final ? ', the image you ship' : ', not shipped'}`}
      data-testid={stage.final ? 'final-stage' : `stage-${stage.index}`}
      className={`w-80 rounded border p-2 ${stage.final ? 'border-accent bg-accent/10' : 'border-border border-dashed'}`}
    >
      <h4 className="text-sm font-semibold text-white">
        {stage.final ? 'Final image' : 'Build stage'} <span className="font-normal text-muted">· {stage.name ?? `#${stage.index}`}</span>
      </h4>
      <p className="mb-2 text-xs text-muted">
        {stage.final ? `≈ ${formatBytes(stage.sizeBytes)}: every layer below ships` : `≈ ${formatBytes(stage.sizeBytes)}, thrown away after the build`}
      </p>
      <ol className="flex flex-col gap-1" aria-label={`Layers of ${title}, newest first`}>
        {newestFirst.map((layer) => (
          <LayerBlock key={layer.line} layer={layer} />
        ))}
        <li className="rounded border border-border bg-panel-2 p-2 text-xs" style={{ minHeight: `${blockHeightRem(stage.baseSizeBytes)}rem` }}>
          <span className="text-muted">line {stage.fromLine} · FROM</span>{' '}
          <strong className="text-white">{stage.baseStage !== undefined ? `stage ${stages[stage.baseStage]?.name ?? stage.baseStage} (all its layers)` : stage.base}</strong>
          <span className="text-muted"> · {stage.baseStage !== undefined ? formatBytes(stage.baseSizeBytes) : `≈ ${formatBytes(stage.baseSizeBytes)}`}</span>
          {stage.baseDescription ? <span className="mt-1 block text-muted">{stage.baseDescription}</span> : null}
          {stage.baseNote ? <span className="mt-1 block text-warn">{stage.baseNote}</span> : null}
        </li>
      </ol>
    </section>
  );
}

function LayerBlock({ layer }: { layer: DockerfileLayerPicture }) {
  const secret = layer.secrets.length > 0;
  const adds = layer.parts.filter((p) => p.label !== 'directories');
  return (
    <li
      data-testid={`layer-${layer.line}`}
      className={`rounded border p-2 text-xs ${secret ? 'border-bad bg-bad/15' : 'border-border bg-panel'}`}
      style={{ minHeight: `${blockHeightRem(layer.sizeBytes)}rem` }}
    >
      <details>
        <summary className="cursor-pointer">
          <span className="text-muted">line {layer.line} · </span>
          <code className="text-white">{layer.source.length > 60 ? `${layer.source.slice(0, 57)}…` : layer.source}</code>
          <span className="text-muted"> · {formatBytes(layer.sizeBytes)}</span>
          <span className="mt-0.5 block text-muted">
            {adds.length ? `adds ${adds.slice(0, 3).map((p) => `${p.label} (${formatBytes(p.sizeBytes)})`).join(', ')}${adds.length > 3 ? '…' : ''}` : layer.removed.length ? 'adds nothing' : 'adds an empty directory'}
            {layer.removed.length ? `; deletes ${layer.removed.length === 1 ? layer.removed[0] : `${layer.removed.length} paths`} (hidden, not removed from earlier layers)` : ''}
          </span>
          {layer.secrets.map((s) => (
            <span key={s.path} className="mt-0.5 block font-semibold text-bad">
              <span aria-hidden="true">⚠ </span>secret {s.path} is in this layer{s.removedOn ? `; line ${s.removedOn} deletes it, but the bytes stay here` : ''}
            </span>
          ))}
        </summary>
        <div className="mt-2 space-y-1">
          <pre className="whitespace-pre-wrap break-all text-muted">{layer.source}</pre>
          <table className="w-full text-left" aria-label={`Biggest files of the layer from line ${layer.line}`}>
            <thead className="text-muted">
              <tr>
                <th scope="col">File</th>
                <th scope="col" className="text-right">Size</th>
              </tr>
            </thead>
            <tbody>
              {layer.files.map((f) => (
                <tr key={f.path} className="border-t border-border">
                  <td className="break-all" title={f.origin}>
                    {f.path}
                  </td>
                  <td className="text-right">{formatBytes(f.sizeBytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {layer.fileCount > layer.files.length ? <p className="text-muted">and {layer.fileCount - layer.files.length} more files</p> : null}
          {layer.notes.map((n) => (
            <p key={n} className="text-warn">
              {n}
            </p>
          ))}
        </div>
      </details>
    </li>
  );
}
