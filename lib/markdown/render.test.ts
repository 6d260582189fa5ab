import { describe, expect, it } from 'vitest';
import { fencedBlocks, isSafeUrl, renderMarkdownSafe } from './render';

/** What a browser would make of the rendered HTML: tags and attributes, entities decoded. */
function parse(html: string) {
  const decode = (s: string) =>
    s
      .replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d)))
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const tags = [...html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)].map(([, name, attrs]) => ({
    name: name.toLowerCase(),
    attrs: Object.fromEntries([...attrs.matchAll(/([^\s=]+)="([^"]*)"/g)].map(([, k, v]) => [k.toLowerCase(), decode(v)])),
  }));
  return tags;
}

const ALLOWED_TAGS = new Set(['p', 'a', 'img', 'code', 'pre', 'em', 'strong', 'h1', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br', 'hr', 'del', 'input']);

function expectHarmless(html: string) {
  for (const tag of parse(html)) {
    expect(ALLOWED_TAGS.has(tag.name), `tag <${tag.name}> in ${html}`).toBe(true);
    for (const [name, value] of Object.entries(tag.attrs)) {
      expect(name.startsWith('on'), `event handler ${name} in ${html}`).toBe(false);
      if (name === 'href' || name === 'src') expect(value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase()).not.toMatch(/^(javascript|data|vbscript):/);
    }
  }
}

describe('renderMarkdownSafe', () => {
  it.each([
    ['<img onerror>', '<img src=x onerror="alert(1)">'],
    ['<script>', 'Hello <script>alert(document.cookie)</script> world'],
    ['block <script>', '<script>\nalert(1)\n</script>'],
    ['<iframe>', '<iframe src="https://evil.test"></iframe>'],
    ['svg onload', '<svg onload=alert(1)>'],
    ['javascript: link', '[click](javascript:alert(1))'],
    ['JavaScript: mixed case', '[click](JaVaScRiPt:alert(1))'],
    ['entity-encoded javascript:', '[click](jav&#x61;script:alert(1))'],
    ['tab inside javascript:', '[click](java\tscript:alert(1))'],
    ['data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['vbscript: link', '[x](vbscript:msgbox(1))'],
    ['javascript: autolink', '<javascript:alert(1)>'],
    ['javascript: image', '![x](javascript:alert(1))'],
    ['reference link', '[x][r]\n\n[r]: javascript:alert(1)'],
    ['quote breaking out of href', '[x](https://a.test/"onmouseover="alert(1))'],
    ['quote breaking out of title', '[x](https://a.test/ "t\\" onmouseover=\\"alert(1)")'],
    ['html in link text', '[<img src=x onerror=alert(1)>](https://a.test)'],
  ])('neutralises %s', (_name, markdown) => {
    const html = renderMarkdownSafe(markdown);
    expectHarmless(html);
  });

  it('shows raw HTML as text instead of dropping it', () => {
    const html = renderMarkdownSafe('Hello <script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps ordinary Markdown: headings, code, safe links, and images as links to them', () => {
    const html = renderMarkdownSafe('# Title\n\nSee [docs](https://grafana.com/docs/) and [below](#usage).\n\n![chart](https://a.test/c.png)\n\n```json\n{"a": 1}\n```');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<a href="https://grafana.com/docs/"');
    expect(html).toContain('<a href="#usage"');
    expect(html).toMatch(/<a href="https:\/\/a\.test\/c\.png" title="Image not loaded in the preview: https:\/\/a\.test\/c\.png"[^>]*>\[image: chart\]<\/a>/);
    expect(html).toMatch(/<pre><code class="language-json">\{&quot;a&quot;: 1\}/);
  });

  it.each([
    ['inline image', '![logo](https://evil.test/track.png)'],
    ['a server on this machine', '![x](http://127.0.0.1:9999/ping)'],
    ['with a title', '![x](https://evil.test/a.png "Logo")'],
    ['reference image', '![x][logo]\n\n[logo]: https://evil.test/ref.png'],
    ['image inside a link (a badge)', '[![build](https://evil.test/badge.svg)](https://ci.test/build)'],
    ['raw <img>', '<img src="https://evil.test/raw.png">'],
    ['raw <picture>', '<picture><source srcset="https://evil.test/s.png"><img src="https://evil.test/p.png"></picture>'],
    ['relative image', '![x](./chart.png)'],
    ['data: image', '![x](data:image/png;base64,AAAA)'],
  ])('loads nothing for an image (%s): no <img>, no src, no srcset', (_name, markdown) => {
    const html = renderMarkdownSafe(markdown);
    const tags = parse(html);
    expect(tags.map((t) => t.name)).not.toContain('img');
    expect(tags.map((t) => t.name)).not.toContain('source');
    expect(tags.some((t) => 'src' in t.attrs || 'srcset' in t.attrs)).toBe(false);
    expectHarmless(html);
  });

  it('shows an image inside a link as its alt text, in the one link', () => {
    const html = renderMarkdownSafe('[![build status](https://evil.test/badge.svg)](https://ci.test/build)');
    expect(html).toBe('<p><a href="https://ci.test/build" rel="noopener noreferrer nofollow" target="_blank">[image: build status]</a></p>\n');
  });

  it('turns an unsafe link into its text', () => {
    expect(renderMarkdownSafe('[click me](javascript:alert(1))')).toBe('<p>click me</p>\n');
  });
});

describe('isSafeUrl', () => {
  it('allows http(s), mailto, fragments and relative links', () => {
    for (const href of ['https://a.test', 'http://a.test/x', 'mailto:a@b.test', '#part', 'docs/readme.md', '/x']) expect(isSafeUrl(href), href).toBe(true);
  });
  it('allows only absolute http(s) images', () => {
    expect(isSafeUrl('https://a.test/x.png', 'image')).toBe(true);
    expect(isSafeUrl('x.png', 'image')).toBe(false);
    expect(isSafeUrl('data:image/png;base64,AAAA', 'image')).toBe(false);
  });
});

describe('fencedBlocks', () => {
  it('lists fenced blocks with their language, not indented code', () => {
    const md = 'Text\n\n```json\n{"metric": "x"}\n```\n\n    indented\n\n~~~ JSON title\n[]\n~~~\n\n```\nplain\n```';
    expect(fencedBlocks(md)).toEqual([
      { lang: 'json', text: '{"metric": "x"}' },
      { lang: 'json', text: '[]' },
      { lang: '', text: 'plain' },
    ]);
  });
});
