/**
 * Views of the `artifact` lab kind, for components/kinds/registry.tsx; and the editor
 * markers of a record, for the workspace to show parse errors in Monaco.
 */
import type { KindViews } from '@/components/kinds/types';
import { ArtifactResults } from './artifact-results';

export { artifactMarkers } from '@/lib/kinds/artifact/markers';

export const views: KindViews = { Results: ArtifactResults };
