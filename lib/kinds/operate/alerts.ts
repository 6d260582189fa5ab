/**
 * The operations files of an operable data source, read and replayed: Prometheus
 * alerting rules (the `rules` file format: groups → rules with `alert`, `expr`, `for`,
 * `labels`, `annotations`; prometheus.io/docs/prometheus/latest/configuration/alerting_rules)
 * and a Grafana dashboard model (panels whose `targets` hold PromQL `expr`). Both are
 * parsed with zod at the boundary, their PromQL with lib/promql, and every metric they
 * name is compared with what the learner's registry exposes.
 *
 * `replayRules` evaluates each rule over the scraped series as Prometheus' rule manager
 * does: every `evaluationIntervalMs` (15 s here), each series the expression returns is
 * active; a series active for less than `for` is pending, then firing; a series that
 * stops being returned is inactive again (its timer restarts). No React.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { evaluateInstant, labelsKey, parsePromQL, PromQLError, type Expr, type Storage } from '../../promql';
import type { MetricFamily } from './exposition';

/** Prometheus' duration text: `30s`, `5m`, `1h30m`, `250ms`. */
const DURATION = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Milliseconds of a Prometheus duration (`1m30s`), or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === '') return undefined;
  const [, h, min, s, ms] = m;
  return (Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0)) * 1000 + Number(ms ?? 0);
}

const durationSchema = z.string().refine((v) => parseDuration(v) !== undefined, { message: 'must be a Prometheus duration such as 30s, 2m or 1h' });

export const alertRuleSchema = z.object({
  alert: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an alert name such as DataSourceErrors'),
  expr: z.string().min(1, 'must hold a PromQL expression'),
  for: durationSchema.optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type AlertRule = z.infer<typeof alertRuleSchema>;

export const rulesFileSchema = z.object({
  groups: z
    .array(
      z.object({
        name: z.string().min(1),
        interval: durationSchema.optional(),
        rules: z.array(alertRuleSchema).min(1, 'needs at least one rule'),
      }),
    )
    .min(1, 'needs at least one group'),
});

/** One panel target of a Grafana dashboard model: `expr` is Prometheus' query field. */
export const dashboardSchema = z.object({
  title: z.string().min(1),
  panels: z
    .array(
      z.object({
        title: z.string().min(1),
        type: z.string().default('timeseries'),
        fieldConfig: z.object({ defaults: z.object({ unit: z.string().optional() }).passthrough() }).passthrough().optional(),
        targets: z.array(z.object({ refId: z.string().optional(), expr: z.string().min(1), legendFormat: z.string().optional() }).passthrough()).min(1, 'needs at least one target'),
      }).passthrough(),
    )
    .min(1, 'needs at least one panel'),
}).passthrough();
export type DashboardModel = z.infer<typeof dashboardSchema>;

/** A parsed rule: its `for` in ms and its expression. */
export interface ParsedRule extends AlertRule {
  forMs: number;
  ast: Expr;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const issueText = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || 'the file'} ${i.message}`).join('; ');

/** Parses a rules file (YAML text). Never throws: a problem becomes a message naming where it is. */
export function parseRules(text: string): Parsed<ParsedRule[]> {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    return { ok: false, message: `the YAML does not parse: ${(err as Error).message.split('\n')[0]}` };
  }
  const result = rulesFileSchema.safeParse(raw);
  if (!result.success) return { ok: false, message: issueText(result.error) };
  const rules: ParsedRule[] = [];
  for (const group of result.data.groups) {
    for (const rule of group.rules) {
      try {
        rules.push({ ...rule, forMs: rule.for ? (parseDuration(rule.for) ?? 0) : 0, ast: parsePromQL(rule.expr) });
      } catch (err) {
        return { ok: false, message: `the expr of alert ${rule.alert} is not PromQL the lab can run: ${err instanceof PromQLError ? err.message : String(err)}` };
      }
    }
  }
  return { ok: true, value: rules };
}

/** Parses a dashboard model (JSON text). Never throws. */
export function parseDashboard(text: string): Parsed<DashboardModel> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `the JSON does not parse: ${(err as Error).message}` };
  }
  const result = dashboardSchema.safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, message: issueText(result.error) };
}

/** Every metric name an expression selects (`foo`, `foo[5m]`, `{__name__="foo"}`). */
export function metricNames(expr: Expr): string[] {
  const names = new Set<string>();
  const walk = (e: Expr | undefined): void => {
    if (!e) return;
    switch (e.type) {
      case 'VectorSelector': {
        if (e.name) names.add(e.name);
        for (const m of e.matchers) if (m.name === '__name__' && m.op === '=') names.add(m.value);
        return;
      }
      case 'MatrixSelector':
        return walk(e.vectorSelector);
      case 'AggregateExpr':
        walk(e.param);
        return walk(e.expr);
      case 'Call':
        return e.args.forEach(walk);
      case 'BinaryExpr':
        walk(e.lhs);
        return walk(e.rhs);
      case 'ParenExpr':
      case 'UnaryExpr':
        return walk(e.expr);
      default:
        return;
    }
  };
  walk(expr);
  return [...names].sort();
}

/**
 * The sample names a registry's scrape exposes: each family's own samples (a
 * histogram's `_bucket`, `_sum`, `_count`), and each family name.
 */
export function exposedNames(families: readonly MetricFamily[]): Set<string> {
  const names = new Set<string>();
  for (const f of families) {
    names.add(f.name);
    for (const s of f.samples) names.add(s.name);
    if (f.type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(f.name + suffix);
    if (f.type === 'counter' && !f.name.endsWith('_total')) names.add(`${f.name}_total`);
  }
  return names;
}

/** Names `expr` selects that `exposed` lacks. */
export function unknownMetrics(expr: Expr, exposed: ReadonlySet<string>): string[] {
  return metricNames(expr).filter((n) => !exposed.has(n));
}

/** A rule's state at one evaluation: Prometheus' inactive, pending, firing. */
export type AlertState = 'inactive' | 'pending' | 'firing';

/** One evaluation of one rule: when (virtual ms since the run started) and its state (the worst of its series). */
export interface AlertStep {
  atMs: number;
  state: AlertState;
}

export interface RuleTimeline {
  alert: string;
  forMs: number;
  steps: AlertStep[];
  /** The first evaluation's error, if the expression failed at run time. */
  error?: string;
}

/** Prometheus' default evaluation_interval in the lab: 15 s. */
export const EVALUATION_INTERVAL_MS = 15_000;

/**
 * Each rule's state at every evaluation from `evaluationIntervalMs` to `endMs`
 * (virtual ms since the run started; epochMs is the run's virtual 0), over `storage`.
 * A series is active while the expression returns it; it fires once it has been
 * active for `for` (a rule without `for` fires at its first active evaluation).
 */
export function replayRules(rules: readonly ParsedRule[], storage: Storage, epochMs: number, endMs: number, evaluationIntervalMs = EVALUATION_INTERVAL_MS): RuleTimeline[] {
  return rules.map((rule) => {
    const activeSince = new Map<string, number>();
    const steps: AlertStep[] = [];
    let error: string | undefined;
    for (let t = evaluationIntervalMs; t <= endMs; t += evaluationIntervalMs) {
      let keys: string[] = [];
      try {
        const result = evaluateInstant(rule.ast, epochMs + t, storage);
        if (result.resultType === 'vector') keys = result.result.map((s) => labelsKey(s.metric));
        else if (result.resultType === 'scalar') keys = Number.isNaN(result.result[1]) ? [] : ['{}'];
      } catch (err) {
        error ??= err instanceof Error ? err.message : String(err);
      }
      const now = new Set(keys);
      for (const key of [...activeSince.keys()]) if (!now.has(key)) activeSince.delete(key);
      for (const key of now) if (!activeSince.has(key)) activeSince.set(key, t);
      let state: AlertState = 'inactive';
      for (const since of activeSince.values()) {
        if (t - since >= rule.forMs) state = 'firing';
        else if (state === 'inactive') state = 'pending';
      }
      steps.push({ atMs: t, state });
    }
    return { alert: rule.alert, forMs: rule.forMs, steps, ...(error ? { error } : {}) };
  });
}

/** Whether a timeline fires at any evaluation in [fromMs, toMs]. */
export function firesBetween(timeline: RuleTimeline, fromMs: number, toMs: number): boolean {
  return timeline.steps.some((s) => s.state === 'firing' && s.atMs >= fromMs && s.atMs <= toMs);
}
