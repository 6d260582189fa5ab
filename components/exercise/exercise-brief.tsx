/**
 * The top of an exercise or simulation page: what kind it is, its topic and length, its
 * title (the heading `headingId` names the article by) and its brief.
 */
export function ExerciseBrief({ kind, meta, briefHtml, headingId }: { kind: string; meta: { topic: string; estimatedMinutes: number; title: string }; briefHtml: string; headingId: string }) {
  return (
    <>
      <p className="text-xs uppercase tracking-wide text-muted">
        {kind} · {meta.topic} · about {meta.estimatedMinutes} min
      </p>
      <h2 id={headingId} className="mt-1 text-2xl font-semibold text-white">
        {meta.title}
      </h2>
      {/* Our own authored Markdown, rendered at build time; never learner input. */}
      <div className="lab-prose mt-3" dangerouslySetInnerHTML={{ __html: briefHtml }} />
    </>
  );
}
