/**
 * Reads the capstone's design document (DESIGN.md) for what a machine can check: that
 * its five sections exist and say something, that it is one to two pages, and that the
 * facts it shares with release.yaml agree (the tag patterns, the required checks, the
 * version source and pre-release patterns, the signature algorithm and secret, the
 * rollback promise and alert). Whether the reasoning is sound is the learner's
 * self-review rubric. Wording is read loosely: a heading only needs its key word, a
 * name may be in any case or in `code`.
 */
import { markdownSections, wordCount } from '../../../markdown/sections';
import type { ReleaseConfig } from './config';

export const DESIGN_MD = 'DESIGN.md';
/** One to two pages of prose. */
export const MIN_WORDS = 250;
export const MAX_WORDS = 1200;
/** Fewer words than this in a section says nothing yet. */
export const MIN_SECTION_WORDS = 25;

export type SectionKey = 'triggers' | 'checks' | 'versioning' | 'signing' | 'rollback';

export const SECTIONS: { key: SectionKey; title: string; heading: RegExp }[] = [
  { key: 'triggers', title: 'Triggers', heading: /\btrigger/i },
  { key: 'checks', title: 'Required checks', heading: /\bcheck|\bgate/i },
  { key: 'versioning', title: 'Versioning', heading: /\bversion/i },
  { key: 'signing', title: 'Signing', heading: /\bsign/i },
  { key: 'rollback', title: 'Rollback', heading: /\broll\s*-?\s*back/i },
];

export interface DesignSection {
  key: SectionKey;
  title: string;
  /** The heading found, or null when the document has none for it. */
  heading: string | null;
  words: number;
  todo: boolean;
}

export interface DesignClaim {
  section: SectionKey;
  /** What release.yaml says, in words. */
  claim: string;
  ok: boolean;
}

export interface DesignReading {
  words: number;
  sections: DesignSection[];
  /** Facts release.yaml states that the design should state too; empty when release.yaml did not parse. */
  claims: DesignClaim[];
}

/**
 * Each heading with its text, sub-sections included (up to the next heading of its
 * level or higher). The document's title (a lone top-level heading over the others)
 * is not a section.
 */
function sectionsWithChildren(markdown: string): { heading: string; text: string }[] {
  const flat = markdownSections(markdown);
  const top = Math.min(...flat.filter((s) => s.level > 0).map((s) => s.level));
  const titled = flat.filter((s) => s.level === top).length === 1 && flat.some((s) => s.level > top);
  return flat
    .map((s, i) => {
      if (s.level === 0 || (titled && s.level === top)) return undefined;
      let text = s.text;
      for (let j = i + 1; j < flat.length && flat[j].level > s.level; j++) text += `\n${flat[j].heading}\n${flat[j].text}`;
      return { heading: s.heading, text };
    })
    .filter((s): s is { heading: string; text: string } => !!s);
}

/** Loose on purpose: any case, inside `code` or not. */
const says = (text: string, word: string) => text.toLowerCase().includes(word.toLowerCase());

function percent(ratio: number): string {
  return `${Number((ratio * 100).toFixed(2))}`;
}

export function readDesign(markdown: string, config: ReleaseConfig | undefined): DesignReading {
  const all = sectionsWithChildren(markdown);
  const found = new Map<SectionKey, { heading: string; text: string }>();
  const sections = SECTIONS.map(({ key, title, heading }): DesignSection => {
    const match = all.find((s) => heading.test(s.heading) && ![...found.values()].includes(s));
    if (match) found.set(key, match);
    return { key, title, heading: match?.heading ?? null, words: match ? wordCount(match.text) : 0, todo: match ? /\bTODO\b/.test(match.text) : false };
  });
  const claims: DesignClaim[] = [];
  if (config) {
    const text = (key: SectionKey) => found.get(key)?.text ?? '';
    const claim = (section: SectionKey, what: string, ok: boolean) => claims.push({ section, claim: what, ok });
    for (const pattern of config.triggers.tags.patterns) claim('triggers', `tags matching ${pattern} start a release`, text('triggers').includes(pattern));
    for (const check of config['required-checks']) claim('checks', `"${check}" is a required check`, says(text('checks'), check));
    claim('versioning', `the version comes from ${config.versioning.source}`, says(text('versioning'), config.versioning.source));
    for (const pattern of config.versioning.prerelease) claim('versioning', `tags matching ${pattern} are pre-releases`, text('versioning').includes(pattern));
    claim('signing', `the manifest is signed with ${config.signing.algorithm}`, says(text('signing'), config.signing.algorithm));
    claim('signing', `the signing step reads the secret ${config.signing.secret}`, says(text('signing'), config.signing.secret));
    const minutes = config.rollback['restore-within-minutes'];
    claim('rollback', `every instance is back on a good version within ${minutes} minutes`, new RegExp(`(^|[^\\d.])${minutes}\\s*(-\\s*)?(min|minutes?)\\b`, 'i').test(text('rollback')));
    const ratio = config.rollback.alert['error-ratio-above'];
    const pct = percent(ratio);
    claim('rollback', `the alert fires above a ${pct}% error ratio`, new RegExp(`(^|[^\\d.])${pct.replace('.', '\\.')}\\s*%`).test(text('rollback')) || text('rollback').includes(String(ratio)));
  }
  return { words: wordCount(markdown), sections, claims };
}
