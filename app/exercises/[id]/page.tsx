import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ExercisePage } from '@/components/exercise/exercise-page';
import { loadAllExercises } from '@/lib/exercises/load';

type Params = { id: string };

export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return loadAllExercises().map((e) => ({ id: e.id }));
}

function find(id: string) {
  return loadAllExercises().find((e) => e.id === id);
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: find((await params).id)?.meta.title ?? 'Exercise' };
}

export default async function Page({ params }: { params: Promise<Params> }) {
  const exercise = find((await params).id);
  if (!exercise) notFound();
  return (
    <div className="mx-auto max-w-[1800px] p-4">
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-muted">
        <Link href="/exercises/" className="underline hover:text-white">
          Exercises
        </Link>{' '}
        / {exercise.meta.title}
      </nav>
      {/* The workspace's own heading is an h2, so it also fits inside other pages. */}
      <h1 className="sr-only">{exercise.meta.title}</h1>
      <ExercisePage id={exercise.id} kind={exercise.kind} />
    </div>
  );
}
