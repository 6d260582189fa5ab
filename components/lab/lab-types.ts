/** What the lab page's server component hands to the client workspace. Serializable. */
import type { LabContent } from '@/lib/labs/load';
import type { UpstreamDefinition } from '@/lib/upstreams/registry';

export type LabPageData = Omit<LabContent, 'dir'> & {
  /** The mocked upstreams' descriptions, for the Upstream tab. */
  upstreams: UpstreamDefinition['info'][];
};
