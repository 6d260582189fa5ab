import type { Metadata } from 'next';
import { MockInterview } from '@/components/interview/mock-interview';
import { loadInterviewQuestions } from '@/lib/interview/load';

export const metadata: Metadata = { title: 'Mock interview' };

export default function MockInterviewPage() {
  return <MockInterview questions={loadInterviewQuestions()} />;
}
