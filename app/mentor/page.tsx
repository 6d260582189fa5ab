/**
 * /mentor/: assign work, then review hand-ins by re-running them. Static like every
 * page: the labs a review re-runs are built into it, and nothing leaves the browser.
 */
import type { Metadata } from 'next';
import type { LabPageData } from '@/components/lab/lab-types';
import { MentorPage } from '@/components/mentor/mentor-page';
import { loadCatalogue, loadReviewLabs } from '@/lib/mentor/catalogue-load';
import { UPSTREAMS } from '@/lib/upstreams/registry';

export const metadata: Metadata = { title: 'Mentor: assign and review' };

export default function Page() {
  // The review shows code and results, not instructions, so the README stays out of the page.
  const labs: LabPageData[] = loadReviewLabs().map((lab) => ({ ...lab, proseHtml: '', upstreams: lab.meta.upstreams.map((id) => UPSTREAMS[id].info) }));
  return <MentorPage catalogue={loadCatalogue()} labs={labs} />;
}
