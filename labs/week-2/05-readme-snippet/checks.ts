/**
 * Checks for "README snippet". A machine can check the claims a README makes about
 * code: where each setting lives, which base URLs the settings accept, every field of
 * the query model with its values and default, example queries (run through the lab's
 * own handler), and the frame type a query returns (read from a real run). These
 * checks do that much, reading wording loosely (prose.ts). Whether the prose is clear
 * is the self-review rubric's job.
 */
import { z } from 'zod';
import { expect, fail, framesFor, responseFor, show } from '@/lib/checks/assert';
import { findSecrets } from '@/lib/checks/secrets';
import type { CheckContext, LabCheck } from '@/lib/checks/types';
import { markdownSections, mentions, wordCount, type MarkdownSection } from '@/lib/markdown/sections';
import { METRICS_API_KEY } from '@/lib/upstreams/metrics';
import { blocksOf, defaultsClaimed, looseName, placesClaimed, proseOf, statesDefault, urlsFor, wordSpans, type SettingPlace } from './prose';
import { metricQuerySchema } from './starter/query';
import { jsonDataSchema } from './starter/settings';

const SNIPPET = 'README-snippet.md';
const MIN_WORDS = 20;
/** Where each setting lives: settings.ts reads `baseUrl` from jsonData and `apiKey` from decryptedSecureJsonData. */
const SETTINGS: Record<string, SettingPlace> = { baseUrl: 'jsonData', apiKey: 'secureJsonData' };
/** Grafana's data-plane frame types, as a README would name them. */
const DATAPLANE_TYPES = /\b(?:timeseries|numeric)-(?:multi|wide|long)\b/gi;

/** What the schema says of one field of the query model (query.ts is read only). */
interface FieldFacts {
  name: string;
  /** The allowed values, for an enum. */
  values?: readonly string[];
  /** True when the field may be left out and gets a value. */
  hasDefault: boolean;
  defaultValue?: unknown;
}

function fieldFacts(): FieldFacts[] {
  return Object.entries(metricQuerySchema.shape).map(([name, type]) => {
    const leftOut = (type as z.ZodType).safeParse(undefined);
    let inner: z.ZodType = type as z.ZodType;
    while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
    return {
      name,
      values: inner instanceof z.ZodEnum ? (inner.options as string[]) : undefined,
      hasDefault: leftOut.success && leftOut.data !== undefined,
      defaultValue: leftOut.success ? leftOut.data : undefined,
    };
  });
}
const QUERY_FIELDS = fieldFacts();

function snippet(ctx: CheckContext): string {
  const text = ctx.file?.(SNIPPET);
  if (text === undefined) fail(`the file ${SNIPPET}`, 'the lab has no such file');
  return text;
}

function findSection(text: string, heading: RegExp): MarkdownSection | undefined {
  return markdownSections(text).find((s) => s.level > 0 && heading.test(s.heading));
}

/** The section whose heading matches, with enough words and no TODO left in it. */
function expectSection(text: string, heading: RegExp, name: string): MarkdownSection {
  const section = findSection(text, heading);
  if (!section) fail(`a section headed like "${name}"`, `the headings are ${show(markdownSections(text).filter((s) => s.level > 0).map((s) => s.heading))}`);
  expect(!/\bTODO\b/.test(section.text), `no TODO left in "${section.heading}"`, 'it still has one');
  const words = wordCount(section.text);
  expect(words >= MIN_WORDS, `at least ${MIN_WORDS} words under "${section.heading}"`, `it has ${words}`);
  return section;
}

/** The prose blocks that talk about a field, however it is written ("group by", "Aggregations"). */
function blocksAbout(text: string, field: string): string[] {
  return blocksOf(text)
    .filter((b) => b.kind === 'prose' && wordSpans(b.text, looseName(field)).length > 0)
    .map((b) => b.text);
}

const checks: LabCheck[] = [
  {
    id: 'run-section-names-settings',
    task: 1,
    title: '"Running it" says where each setting lives, with a base URL the settings accept and no real key',
    hint: 'Name baseUrl and apiKey and say where each lives (jsonData, secureJsonData); an example base URL must be one the settings accept. Use a placeholder, never the real key.',
    async run(ctx) {
      const text = snippet(ctx);
      const section = expectSection(text, /run|set ?up|install|configur|setting|start/i, 'Running it');
      for (const [name, place] of Object.entries(SETTINGS)) {
        expect(mentions(section.text, name), `the setting \`${name}\` named under "${section.heading}"`, 'it is not mentioned there');
        const claims = placesClaimed(section.text, name);
        const wrong = claims.filter((c) => c.place !== place && c.how !== 'block');
        expect(wrong.length === 0, `\`${name}\` said to live in ${place}`, `the README puts it in ${wrong[0]?.place}`);
        expect(
          claims.some((c) => c.place === place),
          `\`${name}\` said to live in ${place} (the words ${place}, ${place === 'jsonData' ? '"plain"' : '"secure" or "encrypted"'} near it will do)`,
          claims.length > 0 ? `the README puts it in ${claims[0].place}` : 'the section does not say where it lives',
        );
      }
      for (const url of urlsFor(section.text, 'baseUrl')) {
        const parsed = jsonDataSchema.safeParse({ baseUrl: url });
        expect(parsed.success, `every example base URL one the settings accept`, () => `${show(url)} is refused: baseUrl ${parsed.error?.issues[0]?.message}`);
      }
      const leaks = findSecrets([METRICS_API_KEY], [{ where: SNIPPET, text }]);
      expect(leaks.length === 0, 'no real API key in the README', `the lab's API key appears in ${SNIPPET} (${leaks[0]?.encoding})`);
    },
  },
  {
    id: 'every-query-field-mentioned',
    task: 2,
    title: 'Every query model field is described, with its values and its default',
    hint: 'The fields are those of metricQuerySchema in query.ts: name each in the text (not only in the example), list an enum\'s values, and say what a field defaults to.',
    async run(ctx) {
      const text = snippet(ctx);
      const prose = proseOf(text);
      const missing = QUERY_FIELDS.filter((field) => !mentions(prose, field.name)).map((f) => f.name);
      expect(missing.length === 0, `every field of the query model named in the text: ${QUERY_FIELDS.map((f) => f.name).join(', ')}`, `missing outside code blocks: ${missing.join(', ')}`);
      for (const field of QUERY_FIELDS) {
        const about = blocksAbout(text, field.name);
        if (field.values) {
          const unnamed = field.values.filter((value) => !about.some((block) => mentions(block, value)));
          expect(unnamed.length === 0, `the values of \`${field.name}\` listed where it is described: ${field.values.join(', ')}`, `missing: ${unnamed.join(', ')}`);
        }
        if (field.hasDefault) {
          const claims = about.flatMap((block) => defaultsClaimed(block, field.values ?? []));
          const wrong = claims.find((claim) => claim !== field.defaultValue);
          expect(wrong === undefined, `\`${field.name}\` said to default to ${show(field.defaultValue)}, as the schema does`, `the README says its default is ${show(wrong)}`);
          expect(about.some(statesDefault), `what \`${field.name}\` defaults to when it is left out`, 'the text describing it never says');
        }
      }
    },
  },
  {
    id: 'example-query-is-accepted',
    task: 2,
    title: 'Every ```json example query is valid JSON that the handler accepts and answers with data',
    hint: 'Put your example in a fenced block with the json language; paste it into the request and Run it to see what the handler says.',
    async run(ctx) {
      const text = snippet(ctx);
      const querySection = findSection(text, /query|model|field/i);
      const inQuerySection = new Set(querySection ? blocksOf(querySection.text).filter((b) => b.kind === 'code' && b.lang === 'json').map((b) => b.text) : []);
      // Elsewhere, a json block is an example query when it has a metric: a settings or frame example is not one.
      const looksLikeQuery = (code: string) => {
        try {
          const value: unknown = JSON.parse(code);
          return typeof value === 'object' && value !== null && !Array.isArray(value) && 'metric' in value;
        } catch {
          return false;
        }
      };
      const examples = blocksOf(text)
        .filter((b) => b.kind === 'code' && b.lang === 'json' && (inQuerySection.has(b.text) || looksLikeQuery(b.text)))
        .map((b) => b.text);
      expect(examples.length > 0, 'an example query in a fenced ```json block', querySection ? `there is none under "${querySection.heading}"` : 'there is none');
      for (const [i, example] of examples.entries()) {
        const which = examples.length > 1 ? `example ${i + 1}` : 'the example';
        try {
          JSON.parse(example);
        } catch (err) {
          fail(`every example query to be valid JSON`, `${which} is not: ${err instanceof Error ? err.message : String(err)}`);
        }
        // The lab's own handler parses it with the lab's schema: that is the judge.
        const record = await ctx.query({ queries: [{ json: example }] });
        const { error } = responseFor(record, 'A');
        expect(!error, `every example query accepted by the handler`, () => `${which} gets a ${error?.category} error: ${show(error?.message)}`);
        const frames = framesFor(record, 'A');
        expect(frames.length > 0, `every example query to return data when Run`, `${which} is accepted but returns no frames: does its metric exist in the metrics API?`);
      }
    },
  },
  {
    id: 'response-section-written',
    task: 3,
    title: 'A section on the response: its frames, as a real run returns them, and its errors',
    hint: 'Say what a frame holds (and its meta.type, as the Data tab shows it after a Run) and which errors a query can get instead.',
    async run(ctx) {
      const section = expectSection(snippet(ctx), /respon|result|return|output|frame|get back/i, 'The response');
      const named = [...new Set([...section.text.matchAll(DATAPLANE_TYPES)].map((m) => m[0].toLowerCase()))];
      expect(/frame/i.test(section.text) || named.length > 0, 'the response described in terms of frames', 'the section never mentions frames');
      expect(/error|fail/i.test(section.text), 'the errors a query can get, instead of frames', 'the section never mentions errors');
      if (named.length === 0) return;
      const actual = [...new Set(framesFor(await ctx.query(), 'A').map((frame) => frame.meta?.type).filter(Boolean))];
      const wrong = named.filter((type) => !actual.includes(type as never));
      expect(wrong.length === 0, `the frame type a run really returns (${actual.join(', ') || 'none declared'})`, `the section says ${wrong.join(', ')}`);
    },
  },
];

export default checks;
