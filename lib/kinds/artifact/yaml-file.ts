/**
 * Parses any YAML file with the `yaml` package (YAML 1.2), reporting each syntax
 * error at its 1-based line and column. Used before a format's own grammar (a
 * workflow, a manifest) so a broken indent is reported as YAML, where it is.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { FileError } from './record';

export interface YamlParse {
  errors: FileError[];
  /** The document as plain data, when there were no errors. */
  value: unknown;
}

export function parseYamlFile(file: string, text: string): YamlParse {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const errors: FileError[] = doc.errors.map((err) => {
    const pos = err.linePos?.[0] ?? lineCounter.linePos(err.pos[0]);
    // prettyErrors appends a code excerpt after the first line; the editor shows the code itself.
    const message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return { file, line: Math.max(1, pos.line), column: Math.max(1, pos.col), message };
  });
  return { errors, value: errors.length ? undefined : doc.toJS() };
}
