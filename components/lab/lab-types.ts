/** What the lab page's server component hands to the client workspace. Serializable. */
import type { LabContent } from '@/lib/labs/load';
import type { UpstreamDefinition } from '@/lib/upstreams/registry';
import type { EditorPreview } from '@/components/editor/editor-types';

export type LabPageData = Omit<LabContent, 'dir'> & {
  /** The mocked upstreams' descriptions, for the Upstream tab. */
  upstreams: UpstreamDefinition['info'][];
  /** The file the lab opens on, highlighted at build time: the page shows it before the editor loads. */
  preview?: EditorPreview;
};

/** The file a lab opens on: a Markdown deliverable if it has one (not the read-only entry), else the entry. */
export function initialPath(lab: Pick<LabContent, 'meta'>): string {
  const markdown = lab.meta.files.find((f) => f.language === 'markdown' && !f.readOnly);
  return markdown?.path ?? lab.meta.entry ?? lab.meta.files[0].path;
}
