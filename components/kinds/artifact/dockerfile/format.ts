/** Words and numbers the Dockerfile results views show; pure, so they are tested alone. */
import type { DockerfileFinding, DockerfileStagePicture } from '@/lib/kinds/artifact/dockerfile/result';

/** Bytes in binary units, as `docker image ls` shows sizes: "512 B", "40.3 KB", "1.2 GB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** A short name for each kind of finding, for lists and badges. */
export const FINDING_LABELS: Record<DockerfileFinding['kind'], string> = {
  'toolchain-in-final': 'compiler in the final image',
  'source-in-final': 'source in the final image',
  'secret-file': 'secret in a layer',
  'secret-arg': 'secret build argument',
  'secret-env': 'secret in ENV',
  'runs-as-root': 'runs as root',
  'unpinned-base': 'base image not pinned',
  'binary-missing': 'binary not where Grafana looks',
  'binary-not-runnable': 'binary cannot run',
  'no-ca-certs': 'no CA certificates',
  'deps-not-cached': 'modules downloaded again',
};

/** "stage build (golang:1.23-alpine)", "final image (alpine:3.20)". */
export function stageTitle(stage: DockerfileStagePicture, stages: DockerfileStagePicture[]): string {
  const name = stage.name ? `stage ${stage.name}` : `stage ${stage.index}`;
  const base = stage.baseStage !== undefined ? `from ${stages[stage.baseStage]?.name ?? `stage ${stage.baseStage}`}` : stage.base;
  return `${stage.final ? `final image, ${name}` : name} (${base})`;
}

/**
 * Height of a layer block in rem: grows with the log of its size, so a 300 MB layer
 * stands out against a 1 KB one without pushing everything else off screen.
 */
export function blockHeightRem(bytes: number): number {
  if (bytes <= 0) return 2;
  return Math.min(6, 2 + Math.max(0, Math.log10(bytes) - 3) * 0.75);
}
