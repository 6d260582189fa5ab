/**
 * Size caps for everything a mentor and a learner pass each other. Files are checked
 * against these before they are read (File.size), and text again before it is parsed,
 * so a huge or hostile file costs nothing but a refusal.
 */

/** An assignment link's encoded part (after `#assignment=`), in characters. Chat apps and mail keep links this long intact. */
export const MAX_ASSIGNMENT_LINK_CHARS = 6000;
/** An assignment file, bytes. */
export const MAX_ASSIGNMENT_FILE_BYTES = 64 * 1024;
/** A submission file, bytes: the edited files of every lab with room to spare (a lab's files are a few KB). */
export const MAX_SUBMISSION_BYTES = 2 * 1024 * 1024;
/** How many submission files one import may take at once. */
export const MAX_SUBMISSIONS_PER_IMPORT = 60;
/** A feedback file, bytes. */
export const MAX_FEEDBACK_BYTES = 512 * 1024;

/** Texts people type. */
export const MAX_NAME_CHARS = 80;
export const MAX_NOTE_CHARS = 4000;
export const MAX_COMMENT_CHARS = 2000;
/** Items of an assignment, per list. */
export const MAX_ASSIGNED_ITEMS = 40;
/** Comments a mentor can leave on one lab. */
export const MAX_COMMENTS_PER_LAB = 200;

/** Submissions whose review drafts this browser keeps (review-drafts.ts); beyond it the oldest saved are dropped. */
export const MAX_REVIEW_DRAFTS = 50;
/**
 * The stored drafts, in characters of JSON. localStorage holds about 5 million characters
 * per site, shared with the mentor's own progress; this leaves most of it to progress.
 */
export const MAX_REVIEW_DRAFTS_CHARS = 1_000_000;

/** "1.2 MB", "64 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The reason to refuse a file of `bytes` before reading it, or null. `what` is "a submission", "a feedback file"… */
export function refuseSize(bytes: number, max: number, what: string): string | null {
  return bytes > max ? `The file is ${formatBytes(bytes)}; ${what} is at most ${formatBytes(max)}, so it was not read.` : null;
}
