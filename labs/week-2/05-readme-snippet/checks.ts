/**
 * Checks for "README snippet". A machine can tell whether sections exist, whether
 * names are mentioned, and whether an example query is valid: these checks do that
 * much, by reading the Markdown and by running the example through the lab's
 * handler. Whether the prose is clear is the self-review rubric's job.
 */
import { expect, fail, responseFor, show } from '@/lib/checks/assert';
import { findSecrets } from '@/lib/checks/secrets';
import type { CheckContext, LabCheck } from '@/lib/checks/types';
import { fencedBlocks } from '@/lib/markdown/render';
import { markdownSections, mentions, wordCount, type MarkdownSection } from '@/lib/markdown/sections';
import { METRICS_API_KEY } from '@/lib/upstreams/metrics';
import { metricQuerySchema } from './starter/query';

const SNIPPET = 'README-snippet.md';
/** The query model's fields, from the schema the lab's handler uses (query.ts is read only). */
const QUERY_FIELDS = Object.keys(metricQuerySchema.shape);
const MIN_WORDS = 20;

function snippet(ctx: CheckContext): string {
  const text = ctx.file?.(SNIPPET);
  if (text === undefined) fail(`the file ${SNIPPET}`, 'the lab has no such file');
  return text;
}

/** The section whose heading matches, with enough words and no TODO left in it. */
function expectSection(text: string, heading: RegExp, name: string): MarkdownSection {
  const sections = markdownSections(text);
  const section = sections.find((s) => s.level > 0 && heading.test(s.heading));
  if (!section) fail(`a section headed like "${name}"`, `the headings are ${show(sections.filter((s) => s.level > 0).map((s) => s.heading))}`);
  expect(!/\bTODO\b/.test(section.text), `no TODO left in "${section.heading}"`, 'it still has one');
  const words = wordCount(section.text);
  expect(words >= MIN_WORDS, `at least ${MIN_WORDS} words under "${section.heading}"`, `it has ${words}`);
  return section;
}

const checks: LabCheck[] = [
  {
    id: 'run-section-names-settings',
    task: 1,
    title: '"Running it" names both settings and shows no real key',
    hint: 'Name baseUrl and apiKey, say where each lives (jsonData, secureJsonData). Use a placeholder, never the real key.',
    async run(ctx) {
      const text = snippet(ctx);
      const section = expectSection(text, /run|set ?up|install|configur/i, 'Running it');
      for (const name of ['baseUrl', 'apiKey']) {
        expect(mentions(section.text, name), `the setting \`${name}\` named under "${section.heading}"`, 'it is not mentioned there');
      }
      const leaks = findSecrets([METRICS_API_KEY], [{ where: SNIPPET, text }]);
      expect(leaks.length === 0, 'no real API key in the README', `the lab's API key appears in ${SNIPPET} (${leaks[0]?.encoding})`);
    },
  },
  {
    id: 'every-query-field-mentioned',
    task: 2,
    title: 'Every query model field is mentioned',
    hint: `The fields are those of metricQuerySchema in query.ts.`,
    async run(ctx) {
      const text = snippet(ctx);
      const missing = QUERY_FIELDS.filter((field) => !mentions(text, field));
      expect(missing.length === 0, `every field of the query model mentioned: ${QUERY_FIELDS.join(', ')}`, `missing: ${missing.join(', ')}`);
    },
  },
  {
    id: 'example-query-is-accepted',
    task: 2,
    title: 'A ```json example is valid JSON that the query model accepts',
    hint: 'Put one query in a fenced block with the json language; Run it (paste it into the request) to see what the handler says.',
    async run(ctx) {
      const blocks = fencedBlocks(snippet(ctx)).filter((b) => b.lang === 'json');
      expect(blocks.length > 0, 'at least one fenced ```json block', 'there is none');
      const rejected: string[] = [];
      for (const [i, block] of blocks.entries()) {
        try {
          JSON.parse(block.text);
        } catch (err) {
          fail(`every json block to be valid JSON`, `block ${i + 1} is not: ${err instanceof Error ? err.message : String(err)}`);
        }
        // The lab's own handler parses it with the lab's schema: that is the judge.
        const record = await ctx.query({ queries: [{ json: block.text }] });
        const error = responseFor(record, 'A').error;
        if (!error) return;
        rejected.push(`block ${i + 1}: ${error.category}, ${show(error.message)}`);
      }
      fail('a json block the query model accepts', `the handler refused every one (${rejected.join('; ')})`);
    },
  },
  {
    id: 'response-section-written',
    task: 3,
    title: 'A section on the response, written out',
    hint: 'Say what a frame holds and which errors a query can get; tick the rubric when you are happy with it.',
    async run(ctx) {
      const section = expectSection(snippet(ctx), /respon|result|return|output|frame/i, 'The response');
      expect(mentions(section.text, 'timeseries-multi') || /\bframes?\b/i.test(section.text), 'the response described in terms of frames', 'the section never mentions frames');
    },
  },
];

export default checks;
