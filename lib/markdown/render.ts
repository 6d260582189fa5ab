/**
 * Renders Markdown a learner wrote, for a live preview, so that it cannot inject
 * script or markup into the app's page. Two rules make it safe without an HTML
 * sanitiser: raw HTML in the Markdown is shown as text (escaped), and links and
 * images keep their URL only when it is http(s) (links also mailto, # and relative
 * paths); anything else (`javascript:`, `data:`, `vbscript:`…) becomes plain text.
 * Everything else is marked's own output, which escapes text and attributes.
 *
 * Our own lab READMEs are trusted and rendered by lib/labs/load.ts at build time;
 * this module is for learner input only.
 */
import { Marked, type Tokens } from 'marked';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_PROTOCOLS = new Set(['https:', 'http:']);
/** A base no real URL uses: relative URLs resolve against it and keep its protocol. */
const BASE = 'https://relative.invalid/';

/** Whether `href` may stay a link (or image source). Decides on what a browser would resolve. */
export function isSafeUrl(href: string, kind: 'link' | 'image' = 'link'): boolean {
  let url: URL;
  try {
    url = new URL(href, BASE);
  } catch {
    return false;
  }
  if (kind === 'image') return IMAGE_PROTOCOLS.has(url.protocol) && url.origin !== new URL(BASE).origin;
  return LINK_PROTOCOLS.has(url.protocol);
}

const safeMarked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML, block or inline: show it, never run it.
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      if (!isSafeUrl(token.href, 'link')) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(token.href)}"${title} rel="noopener noreferrer nofollow" target="_blank">${text}</a>`;
    },
    image(token: Tokens.Image) {
      if (!isSafeUrl(token.href, 'image')) return escapeHtml(token.text ? `[image: ${token.text}]` : '[image]');
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<img src="${escapeHtml(token.href)}" alt="${escapeHtml(token.text)}"${title} referrerpolicy="no-referrer" loading="lazy">`;
    },
  },
});

/** Learner Markdown to HTML that is safe to put into the page. Never throws. */
export function renderMarkdownSafe(markdown: string): string {
  try {
    return safeMarked.parse(markdown, { async: false });
  } catch (err) {
    return `<p>${escapeHtml(`The preview could not be rendered: ${err instanceof Error ? err.message : String(err)}`)}</p>`;
  }
}

/** The fenced code blocks of a Markdown text, with their info string's language. */
export function fencedBlocks(markdown: string): { lang: string; text: string }[] {
  const blocks: { lang: string; text: string }[] = [];
  safeMarked.walkTokens(safeMarked.lexer(markdown), (token) => {
    if (token.type === 'code' && (token as Tokens.Code).codeBlockStyle !== 'indented') {
      const code = token as Tokens.Code;
      blocks.push({ lang: (code.lang ?? '').trim().split(/\s+/)[0].toLowerCase(), text: code.text });
    }
  });
  return blocks;
}
