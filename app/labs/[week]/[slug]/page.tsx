import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LabPager, type PagerLink } from '@/components/lab/lab-pager';
import { LabWorkspace } from '@/components/lab/lab-workspace';
import { initialPath, type LabPageData } from '@/components/lab/lab-types';
import { highlightToHtml } from '@/lib/highlight';
import { loadAllLabs } from '@/lib/labs/load';
import { UPSTREAMS } from '@/lib/upstreams/registry';

type Params = { week: string; slug: string };

export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  // A lab's id is its URL under /labs/: `week-2/first-query-path`, `capstone/release-design`.
  return loadAllLabs().map((lab) => ({ week: lab.id.split('/')[0], slug: lab.slug }));
}

function findLab({ week, slug }: Params) {
  return loadAllLabs().find((lab) => lab.id === `${week}/${slug}`);
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const lab = findLab(await params);
  return { title: lab?.title ?? 'Lab' };
}

export default async function LabPage({ params }: { params: Promise<Params> }) {
  const lab = findLab(await params);
  if (!lab) notFound();
  const { dir: _dir, ...content } = lab;
  const opens = lab.meta.files.find((f) => f.path === initialPath(lab));
  const text = opens ? (lab.starter[opens.path] ?? '') : '';
  const data: LabPageData = {
    ...content,
    upstreams: lab.meta.upstreams.map((id) => UPSTREAMS[id].info),
    ...(opens ? { preview: { path: opens.path, text, html: highlightToHtml(text, opens.language) } } : {}),
  };
  // The plan's order: by week, then as the week's folders are numbered.
  const all = loadAllLabs();
  const at = all.findIndex((l) => l.id === lab.id);
  const link = (l: (typeof all)[number] | undefined): PagerLink | undefined =>
    l && { href: `/labs/${l.id}/`, title: l.title, where: l.capstone ? `Capstone ${l.capstone}` : `Week ${l.week}, lab ${all.filter((o) => o.week === l.week).indexOf(l) + 1}` };
  return (
    <>
      <LabWorkspace lab={data} />
      <LabPager previous={link(all[at - 1])} next={link(all[at + 1])} />
    </>
  );
}
