/**
 * The mentor's writing on each submission under review (the overall note; per lab the
 * note and the line comments), kept in this browser so that a reload, a tab closed by
 * mistake or a browser restart loses none of it. Drafts are keyed by the submission's
 * SHA-256 (ReviewEntry.key): importing the same file again brings its writing back.
 * No React: the review store calls `save`, the page calls `listen`.
 *
 * - Writes are debounced (a burst of typing is one write) and flushed at once when the
 *   page is hidden or unloaded.
 * - Every write reads the stored value first and changes only the drafts this tab
 *   touched, so two tabs reviewing different submissions keep each other's writing.
 * - What is read back is validated: a malformed or tampered value (or one draft in it)
 *   is ignored with a console warning, never a crash, and is replaced at the next write.
 * - At most MAX_REVIEW_DRAFTS submissions and MAX_REVIEW_DRAFTS_CHARS characters are
 *   kept; beyond that the drafts saved longest ago are dropped first.
 * - A write that fails (quota, storage disabled) keeps the drafts in memory, warns, and
 *   is tried again at the next change or page hide.
 */
import { onPageLeave } from '../progress/page-leave';
import { z } from 'zod';
import { dictSchema, own } from '../progress/dict';
import { parseJsonSafely } from '../progress/safe-json';
import type { StorageLike } from '../progress/stored';
import { itemIdSchema } from './assignment-schema';
import { lineCommentSchema } from './feedback-schema';
import { MAX_COMMENTS_PER_LAB, MAX_NOTE_CHARS, MAX_REVIEW_DRAFTS, MAX_REVIEW_DRAFTS_CHARS } from './limits';

export const DRAFTS_KEY = 'datasource-lab:mentor-review-drafts';

/** A submission's key: the SHA-256 of its file, in lowercase hex. */
const submissionKeySchema = z.string().regex(/^[0-9a-f]{64}$/);

const labDraftSchema = z.object({
  note: z.string().max(MAX_NOTE_CHARS).default(''),
  comments: z.array(lineCommentSchema).max(MAX_COMMENTS_PER_LAB).default([]),
});
export type LabDraft = z.infer<typeof labDraftSchema>;

/** What the mentor wrote on one submission. */
export const reviewDraftSchema = z.object({
  /** ISO 8601 time of the last change. */
  savedAt: z
    .string()
    .max(40)
    .refine((at) => !Number.isNaN(Date.parse(at)), 'a date and time'),
  note: z.string().max(MAX_NOTE_CHARS).default(''),
  /** By lab id. */
  labs: dictSchema(itemIdSchema, labDraftSchema).default(() => Object.create(null)),
});
export type ReviewDraft = z.infer<typeof reviewDraftSchema>;
/** A draft as the review store hands it over: `savedAt` is stamped here. */
export type DraftWriting = Omit<ReviewDraft, 'savedAt'>;

/** The stored value; each draft is validated on its own so one bad draft costs only itself. */
const storedSchema = z.object({
  version: z.literal(1),
  drafts: dictSchema(submissionKeySchema, z.unknown()),
});

export interface ReviewDrafts {
  /** The draft saved for a submission (changes not yet written included), or undefined. */
  read(key: string): ReviewDraft | undefined;
  /** Saves a submission's writing after a quiet moment, stamped with the time now; null deletes its draft. */
  save(key: string, writing: DraftWriting | null): void;
  /** Writes pending changes now (page hide, leaving the page, tests). */
  flush(): void;
  /** Flushes on `pagehide`, `beforeunload` and when the page is hidden; returns a function that stops that and flushes. */
  listen(): () => void;
}

export interface ReviewDraftsOptions {
  /** The storage to use; may throw (storage disabled by the browser). Called at each read and write, never at creation. */
  storage: () => StorageLike;
  /** Source of `pagehide` and `beforeunload`; absent outside a browser. */
  window?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** Source of `visibilitychange`; absent outside a browser. */
  document?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
  /** Quiet time after the last change before writing, ms. */
  debounceMs?: number;
  now?: () => Date;
  /** Caps, for tests; the app uses the limits.ts values. */
  maxDrafts?: number;
  maxChars?: number;
}

const warn = (what: string) => console.warn(`Mentor review drafts: ${what}`);

/** The valid drafts under DRAFTS_KEY, in a prototype-free map; anything else is left out with a warning. */
export function readStoredDrafts(raw: string | null): Record<string, ReviewDraft> {
  const drafts: Record<string, ReviewDraft> = Object.create(null);
  if (raw === null) return drafts;
  const json = parseJsonSafely(raw);
  const stored = json.ok ? storedSchema.safeParse(json.value) : null;
  if (!stored?.success) {
    warn(`the saved drafts were ignored (${json.ok ? stored!.error.issues[0]?.message : json.reason}); they are replaced at the next save.`);
    return drafts;
  }
  for (const key of Object.keys(stored.data.drafts)) {
    const draft = reviewDraftSchema.safeParse(stored.data.drafts[key]);
    if (draft.success) drafts[key] = draft.data;
    else warn(`the draft for submission ${key.slice(0, 12)}… was ignored (${draft.error.issues[0]?.message}).`);
  }
  return drafts;
}

/** The newest drafts that fit both caps, as the text to store (null: nothing to keep). */
export function encodeDrafts(drafts: Record<string, ReviewDraft>, maxDrafts: number, maxChars: number): string | null {
  const newestFirst = Object.keys(drafts).sort((a, b) => Date.parse(drafts[b].savedAt) - Date.parse(drafts[a].savedAt));
  const kept = newestFirst.slice(0, maxDrafts);
  for (;;) {
    if (kept.length === 0) return null;
    const out: Record<string, ReviewDraft> = {};
    for (const key of kept) out[key] = drafts[key];
    const text = JSON.stringify({ version: 1, drafts: out });
    if (text.length <= maxChars) return text;
    const dropped = kept.pop()!;
    warn(`the draft for submission ${dropped.slice(0, 12)}… was dropped: the drafts are larger than this browser keeps (${maxChars} characters).`);
  }
}

export function createReviewDrafts(options: ReviewDraftsOptions): ReviewDrafts {
  const { debounceMs = 400, now = () => new Date(), maxDrafts = MAX_REVIEW_DRAFTS, maxChars = MAX_REVIEW_DRAFTS_CHARS } = options;
  /** Changes not written yet, by submission key; null is a deletion. */
  const pending = new Map<string, ReviewDraft | null>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const open = (): StorageLike | null => {
    try {
      return options.storage();
    } catch (error) {
      warn(`this browser's storage cannot be used (${String(error)}).`);
      return null;
    }
  };

  const readAll = (storage: StorageLike) => {
    try {
      return readStoredDrafts(storage.getItem(DRAFTS_KEY));
    } catch (error) {
      warn(`the saved drafts could not be read (${String(error)}).`);
      return readStoredDrafts(null);
    }
  };

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return;
    const storage = open();
    if (!storage) return;
    const drafts = readAll(storage);
    for (const [key, draft] of pending) {
      if (draft) drafts[key] = draft;
      else delete drafts[key];
    }
    const text = encodeDrafts(drafts, maxDrafts, maxChars);
    try {
      if (text === null) storage.removeItem(DRAFTS_KEY);
      else storage.setItem(DRAFTS_KEY, text);
      pending.clear();
    } catch (error) {
      // Kept in `pending`: the next change or page hide tries again.
      warn(`the drafts could not be saved in this browser (${String(error)}); they are kept in this tab only. Download the feedback file to be safe.`);
    }
  };

  return {
    read(key) {
      if (pending.has(key)) return pending.get(key) ?? undefined;
      const storage = open();
      return storage ? own(readAll(storage), key) : undefined;
    },

    save(key, writing) {
      pending.set(key, writing && { ...writing, savedAt: now().toISOString() });
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    },

    flush,

    listen() {
      const stop = onPageLeave(options.window, options.document, flush);
      return () => {
        stop();
        flush();
      };
    },
  };
}
