/** Test helper: reads content/race/ from disk (tests only; the engine never uses fs). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRaceIndex } from './content';

export const CONTENT_DIR = join(process.cwd(), 'content/race');

export function readContent(path: string): string {
  return readFileSync(join(CONTENT_DIR, path), 'utf8');
}

export const INDEX = parseRaceIndex(JSON.parse(readContent('index.json')));

/** A program's or fix's Go source; index.json names them relative to the repository (the lab's own files). */
export function readSource(path: string): string {
  return readFileSync(join(process.cwd(), path), 'utf8');
}
