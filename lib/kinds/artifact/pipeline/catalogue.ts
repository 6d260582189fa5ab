/**
 * The tool catalogue (catalogue.json) validated at load: which commands and actions
 * the pipeline simulation knows, what each catches, and where that knowledge comes
 * from (a recorded run or a model of the tool).
 */
import { z } from 'zod';
import { provenanceSchema } from '../record';
import raw from './catalogue.json';

export const toolEntrySchema = z.object({
  id: z.string(),
  argv: z.array(z.string()).describe('argv prefix the command must start with'),
  flags: z.array(z.string()).optional().describe('all must be present'),
  catches: z.record(z.string(), z.string()).optional().describe('defect id → what the tool prints (exit 1)'),
  pass: z.string().optional().describe('what it prints when it passes, if worth saying'),
  effect: z.enum(['version-check', 'sign', 'publish']).optional(),
  provenance: provenanceSchema,
});
export type ToolEntry = z.infer<typeof toolEntrySchema>;

export const actionEntrySchema = z.object({
  uses: z.string().describe('owner/repo[/path] without @ref'),
  tool: z.string().optional().describe('id of the tool entry the action runs'),
  effect: z.enum(['publish', 'build-plugin']).optional(),
  provenance: provenanceSchema,
});
export type ActionEntry = z.infer<typeof actionEntrySchema>;

export const catalogue = z.object({ tools: z.array(toolEntrySchema), actions: z.array(actionEntrySchema) }).parse(raw);

export function toolById(id: string): ToolEntry {
  const entry = catalogue.tools.find((t) => t.id === id);
  if (!entry) throw new Error(`catalogue has no tool ${id}`);
  return entry;
}

/** The first tool whose argv prefix and flags match, or undefined (an unknown command). */
export function findTool(argv: string[]): ToolEntry | undefined {
  return catalogue.tools.find(
    (t) =>
      t.argv.length > 0 &&
      t.argv.every((word, i) => argv[i] === word) &&
      (t.flags ?? []).every((flag) => argv.some((a) => a === flag || (flag.includes('=') && a === flag.replace('=', ' ')) || a.startsWith(`${flag}=`))),
  );
}

export function findAction(uses: string): ActionEntry | undefined {
  const name = uses.split('@')[0].toLowerCase();
  return catalogue.actions.find((a) => name === a.uses || name.startsWith(`${a.uses}/`));
}
