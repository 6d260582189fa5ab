/**
 * Text for Monaco's hover, which reads Markdown: every Markdown mark is escaped, so a
 * comment from a file someone else made shows literally and cannot become a link,
 * an image or markup.
 */
export function plainHover(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}
