/**
 * The one name of an upstream scenario, wherever it is shown: the picker lists
 * `SCENARIO_PRESETS` by label, and a run's record holds only the scenario it ran with
 * (lib/engine/run.ts), so the results header names that scenario from the same presets.
 * A scenario no preset states on its own (a check's or a simulation's, e.g. out-of-order
 * samples 300 ms late) is named by the presets it combines, plus its latency.
 */
import { SCENARIO_PRESETS, scenarioSchema, type Scenario, type ScenarioInput } from './scenario';

/** Preset id → the label the picker shows. The single map of scenario names. */
export const SCENARIO_NAMES: Readonly<Record<string, string>> = Object.fromEntries(SCENARIO_PRESETS.map((p) => [p.id, p.label]));

/** The name of the healthy upstream (the `normal` preset). */
const NORMAL = SCENARIO_NAMES.normal;

/**
 * Fields that adjust a failure rather than name one: how long the Retry-After is, which
 * queries a fault hits. They never decide which preset a scenario is made of.
 */
const MODIFIERS: ReadonlySet<keyof Scenario> = new Set(['retryAfterSeconds', 'faultQueryContains']);

const DEFAULTS = scenarioSchema.parse({});

/**
 * What a scenario changes from the healthy default, modifiers left out, e.g.
 * `{ disorder: true }`. An optional switch given as `false` is the default too.
 */
function aspects(scenario: Scenario): Partial<Scenario> {
  return Object.fromEntries(
    Object.entries(scenario).filter(([key, value]) => !MODIFIERS.has(key as keyof Scenario) && value !== (DEFAULTS[key as keyof Scenario] ?? false) && value !== undefined),
  );
}

const PRESET_ASPECTS = SCENARIO_PRESETS.map((preset) => ({ preset, fields: aspects(scenarioSchema.parse(preset.scenario)) }));

/** Every field of `fields` has the same value in `scenario`. */
const holds = (scenario: Partial<Scenario>, fields: Partial<Scenario>) => Object.entries(fields).every(([key, value]) => scenario[key as keyof Scenario] === value);

/**
 * The scenario's name as the picker spells it: `Out-of-order samples`, `Slow (800 ms)`.
 * A scenario that is not exactly one preset joins the presets it holds with " + " and
 * adds its latency (`Out-of-order samples + 300 ms latency`); a fault limited to some
 * queries says which. Input is parsed with the scenario's defaults, so a partial or
 * authored scenario names the same as the resolved one; unreadable input is "Normal".
 */
export function scenarioName(input: ScenarioInput | Scenario): string {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) return NORMAL;
  const scenario = parsed.data;
  const own = aspects(scenario);
  const exact = PRESET_ASPECTS.find(({ fields }) => holds(own, fields) && holds(fields, own));
  const parts = exact
    ? [exact.preset.label]
    : PRESET_ASPECTS.filter(({ fields }) => Object.keys(fields).length > 0 && !('latencyMs' in fields) && holds(own, fields)).map(({ preset }) => preset.label);
  if (!exact && scenario.latencyMs > 0) parts.push(`${scenario.latencyMs} ms latency`);
  if (scenario.fault !== 'none' && scenario.faultQueryContains !== undefined) parts.push(`only for queries containing "${scenario.faultQueryContains}"`);
  return parts.length > 0 ? parts.join(' + ') : NORMAL;
}
