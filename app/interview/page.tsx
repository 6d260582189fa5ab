import type { Metadata } from 'next';
import Link from 'next/link';
import { QuestionBank } from '@/components/interview/question-bank';
import { loadInterviewQuestions, summarizeQuestion } from '@/lib/interview/load';

export const metadata: Metadata = { title: 'Interview practice' };

export default function InterviewPage() {
  const questions = loadInterviewQuestions().map(summarizeQuestion);
  return (
    <div className="mx-auto max-w-5xl px-4 py-10">
      <header className="max-w-3xl">
        <h1 className="text-3xl font-semibold text-white">Interview practice</h1>
        <p className="mt-3 leading-relaxed">
          {questions.length} questions of the kind asked for plugin and observability engineering roles: system design, coding, architecture,
          troubleshooting and scenarios. Practise one against the clock with hints if you need them, then tick the rubric and score yourself.
          Your notes and scores stay in this browser.
        </p>
        <p className="mt-3 leading-relaxed">
          The list starts with the {questions.filter((q) => q.difficulty === 'beginner').length} beginner questions, drawn from Weeks 1 and 2 of the plan (the
          query lifecycle, frames, settings and secrets, health checks, limits): start there if you are new to data sources, or tick{' '}
          <strong>Beginner</strong> under Difficulty to see only those.
        </p>
        <p className="mt-3">
          <Link href="/interview/mock/" className="text-accent underline underline-offset-2">
            Start a mock interview
          </Link>{' '}
          <span className="text-muted">: a few random questions, one clock, no hints unless you ask.</span>
        </p>
      </header>
      <div className="mt-8">
        <QuestionBank questions={questions} />
      </div>
    </div>
  );
}
