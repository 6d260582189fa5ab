/**
 * Editor markers for an artifact record: each parse error at its file, line and
 * column, for the workspace to show in Monaco (squiggles and the problems list).
 */
import type { ArtifactRunRecord } from './record';

export interface EditorMarker {
  path: string;
  /** 1-based, as Monaco's IMarkerData.startLineNumber. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  /** Matches the editor's EditorMarker (components/editor/editor-types.ts). */
  severity: 'error' | 'warning';
}

export function artifactMarkers(record: ArtifactRunRecord | null): EditorMarker[] {
  if (!record) return [];
  return record.parse.errors.map((e) => ({ path: e.file, line: e.line, column: e.column, message: e.message, severity: 'error' as const }));
}
