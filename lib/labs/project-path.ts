import { relative } from 'node:path';

/**
 * How content errors name a file: by its path in the project when it is inside
 * (labs/week-2/…), by its full path otherwise (a test fixture in /tmp).
 */
export function projectPath(file: string): string {
  const inside = relative(process.cwd(), file);
  return inside && !inside.startsWith('..') ? inside : file;
}
