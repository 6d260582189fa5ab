/**
 * Editor markers for an artifact record: each parse error at its file, line and
 * column, for the workspace to show in Monaco (squiggles and the problems list).
 */
import type { FileMarker } from '../types';
import type { ArtifactRunRecord } from './record';

export function artifactMarkers(record: ArtifactRunRecord | null): FileMarker[] {
  if (!record) return [];
  return record.parse.errors.map((e) => ({ path: e.file, line: e.line, column: e.column, message: e.message, severity: 'error' as const }));
}
