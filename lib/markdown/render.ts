/**
 * Renders Markdown a learner wrote, for a live preview, so that it cannot inject
 * script or markup into the app's page, nor make the page load anything. Three rules
 * make it safe without an HTML sanitiser: raw HTML in the Markdown is shown as text
 * (escaped); links keep their URL only when it is http(s), mailto, # or a relative
 * path, and anything else (`javascript:`, `data:`, `vbscript:`…) becomes plain text;
 * images are never loaded: an http(s) image becomes a link to it ("image: alt"), which
 * requests nothing until the learner clicks it, and any other image its alt text. An
 * image URL could point at a server on the learner's machine or network (or log that
 * a README was previewed), and Markdown arrives in backups too. Everything else is
 * marked's own output, which escapes text and attributes.
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

/** Set while the text of a link is rendered: an image there becomes its alt text, never a link inside a link. */
let insideLink = 0;

const safeMarked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML, block or inline: show it, never run it.
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link) {
      insideLink++;
      let text: string;
      try {
        text = this.parser.parseInline(token.tokens);
      } finally {
        insideLink--;
      }
      if (!isSafeUrl(token.href, 'link')) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(token.href)}"${title} rel="noopener noreferrer nofollow" target="_blank">${text}</a>`;
    },
    // Never an <img>: the preview loads nothing (see the module comment).
    image(token: Tokens.Image) {
      const label = escapeHtml(token.text ? `image: ${token.text}` : 'image');
      if (insideLink > 0 || !isSafeUrl(token.href, 'image')) return `[${label}]`;
      const title = ` title="${escapeHtml(token.title ? `${token.title} (${token.href})` : `Image not loaded in the preview: ${token.href}`)}"`;
      return `<a href="${escapeHtml(token.href)}"${title} class="md-image-link" rel="noopener noreferrer nofollow" target="_blank">[${label}]</a>`;
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
