/** The lab's solution files, for the simulation's own tests (Node only). */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const LAB_DIR = join(process.cwd(), 'labs/week-4/04-kubernetes-rollout');
export const LAB_FILES = ['deploy/deployment.yaml', 'deploy/service.yaml', 'deploy/configmap.yaml', 'deploy/secret.yaml', 'deploy/hpa.yaml', 'ROLLBACK.md'];

export function labFiles(folder: 'starter' | 'solution' | 'alternative' = 'solution'): Record<string, string> {
  const files: Record<string, string> = {};
  for (const path of LAB_FILES) {
    const own = join(LAB_DIR, folder, path);
    files[path] = readFileSync(existsSync(own) ? own : join(LAB_DIR, 'starter', path), 'utf8');
  }
  return files;
}
