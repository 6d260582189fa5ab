import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PracticeQuestion } from '@/components/interview/practice-question';
import { loadInterviewQuestions } from '@/lib/interview/load';

type Params = { id: string };

export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return loadInterviewQuestions().map((q) => ({ id: q.id }));
}

const find = (id: string) => loadInterviewQuestions().find((q) => q.id === id);

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const q = find((await params).id);
  return { title: q ? `${q.title} · Interview practice` : 'Interview practice' };
}

export default async function InterviewQuestionPage({ params }: { params: Promise<Params> }) {
  const question = find((await params).id);
  if (!question) notFound();
  return <PracticeQuestion question={question} />;
}
