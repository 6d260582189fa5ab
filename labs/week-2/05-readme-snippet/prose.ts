/**
 * Reads claims out of a learner's README, for the checks of "README snippet": the
 * facts a machine can find in prose without judging its style. Markdown is cut into
 * blocks (a paragraph, a list item with its sub-items, a table row with its column
 * headers, a fenced code block), and a block into clauses (at ", ", "; ", ". ", " and ",
 * " while ", " but ", a dash or a line break), because a sentence such as "`baseUrl` goes in
 * jsonData and `apiKey` in secureJsonData" makes one claim per clause.
 *
 * Everything here reads wording loosely on purpose: a check built on it should accept
 * what a person would read as the same fact ("secure settings", "secureJsonData",
 * "encrypted" all say where a secret lives) and fail only a claim that is missing or
 * contradicts the code.
 */
import { Lexer, type Token, type Tokens } from 'marked';

/** One piece of a Markdown document, in the document's order. */
export interface Block {
  kind: 'prose' | 'code';
  /** The fence's language for code ('' when none), lower-cased; '' for prose. */
  lang: string;
  /** Prose as written (inline Markdown kept); a table row is `header: cell | header: cell`. */
  text: string;
}

/** The blocks of a Markdown text: paragraphs, headings, list items (sub-items included), table rows, quotes' contents, fenced code. */
export function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      switch (token.type) {
        case 'code':
          blocks.push({ kind: 'code', lang: ((token as Tokens.Code).lang ?? '').trim().split(/\s+/)[0].toLowerCase(), text: (token as Tokens.Code).text });
          break;
        case 'list':
          for (const item of (token as Tokens.List).items) blocks.push({ kind: 'prose', lang: '', text: item.text });
          break;
        case 'table': {
          const table = token as Tokens.Table;
          for (const row of table.rows) blocks.push({ kind: 'prose', lang: '', text: row.map((cell, i) => `${table.header[i]?.text ?? ''}: ${cell.text}`).join(' | ') });
          break;
        }
        case 'blockquote':
          walk((token as Tokens.Blockquote).tokens);
          break;
        case 'space':
        case 'hr':
          break;
        default:
          if ('text' in token && typeof token.text === 'string' && token.text.trim() !== '') blocks.push({ kind: 'prose', lang: '', text: token.text });
      }
    }
  };
  walk(Lexer.lex(markdown) as Token[]);
  return blocks;
}

/** The prose of a Markdown text without its code blocks, one block per line. */
export function proseOf(markdown: string): string {
  return blocksOf(markdown)
    .filter((b) => b.kind === 'prose')
    .map((b) => b.text)
    .join('\n');
}

interface Span {
  start: number;
  end: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where `name` appears as a whole word (`metric` is not found inside `metrics_api`). */
export function wordSpans(text: string, name: string | RegExp): Span[] {
  const source = typeof name === 'string' ? escape(name) : name.source;
  const flags = typeof name === 'string' ? 'g' : `${name.flags.replace('g', '')}g`;
  const pattern = new RegExp(`(?<![\\w])(?:${source})(?![\\w])`, flags);
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Characters between two spans; 0 when they touch or overlap. */
function gap(a: Span, b: Span): number {
  if (b.start >= a.end) return b.start - a.end;
  if (a.start >= b.end) return a.start - b.end;
  return 0;
}

/** The clauses of a block, as spans of its text. */
export function clauseSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/[,;]\s+|\.\s+|\s+(?:and|while|but|whereas)\s+|\s[-–—]\s|\s*\n\s*/g)) {
    spans.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  spans.push({ start, end: text.length });
  return spans.filter((s) => s.end > s.start);
}

const clauseOf = (clauses: Span[], at: Span) => clauses.find((c) => at.start >= c.start && at.start < c.end) ?? { start: 0, end: 0 };
const inside = (outer: Span, inner: Span) => inner.start >= outer.start && inner.end <= outer.end;

/** True when one of the four words before `at` negates what follows ("not in jsonData", "never `http://…`"). */
export function negated(text: string, at: Span): boolean {
  const before = text.slice(0, at.start).split(/\s+/).filter(Boolean).slice(-4).join(' ');
  return /\b(?:not|never|no|nor|avoid|instead of)\b|n't\b|\brefus|\breject/i.test(before);
}

/** Where a data source setting lives in Grafana's instance settings. */
export type SettingPlace = 'jsonData' | 'secureJsonData';

/**
 * Words that say where a setting lives. "not encrypted", "not a secret", "unencrypted"
 * and "plain" are jsonData's; "secure…", "encrypted" and "secret" are secureJsonData's.
 * Ordered so the longer phrase wins where two start at the same place.
 */
const PLACE_TERMS = /\bnot (?:a )?(?:secret|encrypted)\b|\bunencrypted\b|\bplain(?:\s*text)?\b|(?<!\w)(?:decrypted)?secure[\s_-]?json[\s_-]?data\b|\bsecure(?:ly)?\b|\bencrypted\b|\bsecrets?\b|(?<!\w)json[\s_-]?data\b/gi;
const placeOfTerm = (term: string): SettingPlace => (/secure|^encrypted|^secret/i.test(term) ? 'secureJsonData' : 'jsonData');

/** One place a text gives a setting, and how sure the reading is. */
export interface PlaceClaim {
  place: SettingPlace;
  /**
   * `clause`: a place word in the mention's own clause; `code`: the key it sits under
   * in a code block; `block`: only the nearest place word elsewhere in its block, a
   * weaker reading ("Unlike `baseUrl`, the key is encrypted" is not about baseUrl).
   */
  how: 'clause' | 'block' | 'code';
}

/**
 * The places the prose and code of a text give for `setting`, one per mention that
 * says one. In prose a mention takes the nearest place word in its own clause, else
 * the nearest in its block; a negated place word ("never in jsonData") says nothing.
 * In code, the setting's enclosing key says it (`jsonData: { baseUrl: … }`, YAML
 * indentation alike).
 */
export function placesClaimed(markdown: string, setting: string): PlaceClaim[] {
  const places: PlaceClaim[] = [];
  for (const block of blocksOf(markdown)) {
    if (block.kind === 'code') {
      places.push(...codePlaces(block.text, setting).map((place) => ({ place, how: 'code' as const })));
      continue;
    }
    const terms = [...block.text.matchAll(PLACE_TERMS)]
      .map((m) => ({ start: m.index, end: m.index + m[0].length, place: placeOfTerm(m[0]) }))
      .filter((t) => !negated(block.text, t));
    if (terms.length === 0) continue;
    const clauses = clauseSpans(block.text);
    for (const mention of wordSpans(block.text, setting)) {
      const clause = clauseOf(clauses, mention);
      const candidates = terms.filter((t) => inside(clause, t));
      const pool = candidates.length > 0 ? candidates : terms;
      const nearest = pool.reduce((best, t) => (gap(mention, t) < gap(mention, best) ? t : best));
      places.push({ place: nearest.place, how: candidates.length > 0 ? 'clause' : 'block' });
    }
  }
  return places;
}

/** The places a code block gives `setting`: JSON by structure, anything else (YAML…) by indentation. */
function codePlaces(code: string, setting: string): SettingPlace[] {
  const placeOfKey = (key: string): SettingPlace | undefined => (/^(decrypted)?securejsondata$/i.test(key) ? 'secureJsonData' : /^jsondata$/i.test(key) ? 'jsonData' : undefined);
  try {
    const found: SettingPlace[] = [];
    const walk = (value: unknown, place: SettingPlace | undefined) => {
      if (!value || typeof value !== 'object') return;
      for (const [key, inner] of Object.entries(value)) {
        if (key === setting && place) found.push(place);
        walk(inner, placeOfKey(key) ?? place);
      }
    };
    walk(JSON.parse(code), undefined);
    return found;
  } catch {
    // Not JSON: read keys and their parents from indentation.
  }
  const lines = code.split('\n').map((line) => ({ indent: line.search(/\S/), key: /^\s*(?:-\s+)?["']?([\w.]+)["']?\s*[:=]/.exec(line)?.[1] }));
  const found: SettingPlace[] = [];
  lines.forEach((line, i) => {
    if (line.key === undefined) return;
    // `jsonData.baseUrl: …` names its place itself.
    const [head, ...rest] = line.key.split('.');
    if (rest.join('.') === setting && placeOfKey(head)) return void found.push(placeOfKey(head)!);
    if (line.key !== setting) return;
    for (let j = i - 1; j >= 0; j--) {
      const parent = lines[j];
      if (parent.key === undefined || parent.indent < 0 || parent.indent >= line.indent) continue;
      const place = placeOfKey(parent.key);
      if (place) found.push(place);
      break;
    }
  });
  return found;
}

/** Absolute http(s) URLs with a real host (not `https://<your-host>`), trailing punctuation dropped. */
const URLS = /\bhttps?:\/\/[\w.-]+(?::\d+)?(?:\/[^\s`'"<>)|\]]*)?/g;

/**
 * The URLs a text offers as values of `setting`: in prose, the URL nearest each mention
 * in its block (unless negated: "not http://…"); in code, the value on the setting's line.
 */
export function urlsFor(markdown: string, setting: string): string[] {
  const urls: string[] = [];
  for (const block of blocksOf(markdown)) {
    if (block.kind === 'code') {
      for (const line of block.text.split('\n')) {
        if (wordSpans(line, setting).length > 0) urls.push(...(line.match(URLS) ?? []));
      }
      continue;
    }
    const found = [...block.text.matchAll(URLS)].map((m) => ({ start: m.index, end: m.index + m[0].length, url: m[0] })).filter((u) => !negated(block.text, u));
    if (found.length === 0) continue;
    for (const mention of wordSpans(block.text, setting)) urls.push(found.reduce((best, u) => (gap(mention, u) < gap(mention, best) ? u : best)).url);
  }
  return [...new Set(urls.map((u) => u.replace(/[.,;:!?]+$/, '')))];
}

/** Words that state a default, or that leaving the field out is fine. */
const STATES_DEFAULT = /\bdefault(?:s|ing|ed)?\b|\b(?:if|when|unless)\b[^.;]{0,24}?\b(?:omitted|absent|missing|not (?:set|given|specified)|left out|unset|empty)\b|\bleave (?:it |them )?out\b|\bleft out\b|\boptional\b/i;

/** Whether a text states a default (or says the field may be left out). */
export function statesDefault(text: string): boolean {
  return STATES_DEFAULT.test(text);
}

/**
 * The values a text gives as "the default", among `values`: the value right after the
 * word ("default `avg`", "defaults to avg", "default: avg", "default value is avg") or,
 * failing that, the last value before it in its clause ("`avg` by default", "`avg` (default)").
 */
export function defaultsClaimed(text: string, values: readonly string[]): string[] {
  const claims: string[] = [];
  const clauses = clauseSpans(text);
  for (const m of text.matchAll(/\bdefault(?:s|ed)?\b/gi)) {
    const at = { start: m.index, end: m.index + m[0].length };
    const after = /^\s*(?:value\s*)?(?:is\s+|to\s+|of\s+)?[:=]?\s*(?:the\s+)?[`'"]?([A-Za-z_]\w*)/.exec(text.slice(at.end))?.[1];
    if (after !== undefined && values.includes(after)) {
      claims.push(after);
      continue;
    }
    const clause = clauseOf(clauses, at);
    const before = values
      .flatMap((value) => wordSpans(text.slice(clause.start, at.start), value).map((span) => ({ value, end: span.end })))
      .sort((a, b) => b.end - a.end)[0];
    if (before) claims.push(before.value);
  }
  return claims;
}

/** A field name as prose may write it: any case, a plural, `groupBy` also as "group by". */
export function looseName(name: string): RegExp {
  const words = name.split(/(?<=[a-z])(?=[A-Z])|_/).map(escape);
  return new RegExp(`${words.join('[\\s_-]?')}s?`, 'i');
}
