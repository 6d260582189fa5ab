import { describe, expect, it } from 'vitest';
import { escapeHtml, highlightToHtml } from '.';

describe('highlightToHtml', () => {
  it('marks TypeScript keywords, strings and comments, and escapes markup', () => {
    const html = highlightToHtml("// why\nexport const x: string = '<b>';", 'typescript');
    expect(html).toContain('<span class="token comment">// why</span>');
    expect(html).toContain('<span class="token keyword">export</span>');
    expect(html).toContain('&lt;b>');
    expect(html).not.toContain('<b>');
  });

  it.each(['json', 'yaml', 'markdown', 'dockerfile', 'go'] as const)('has a grammar for %s', (language) => {
    expect(highlightToHtml('FROM x\nkey: "v"\n# h\nfunc main() {}', language)).toContain('class="token');
  });

  it('keeps plain text plain, escaped', () => {
    expect(highlightToHtml('a < b && "c"', 'plaintext')).toBe(escapeHtml('a < b && "c"'));
    expect(highlightToHtml('a < b', 'plaintext')).toBe('a &lt; b');
  });

  it('keeps every line, so the preview lines up with the editor', () => {
    const code = 'a\n\nb\n';
    expect(highlightToHtml(code, 'typescript').split('\n')).toHaveLength(code.split('\n').length);
  });
});
