/**
 * The frontend half of the sample data source: the form a user edits a query with.
 * Grafana renders it for each query of a panel and saves whatever it passes to
 * onChange; that object is the query model handler.ts later receives as JSON text.
 * (Shown for reading: the lab runs only the backend.)
 */
import type { ChangeEvent } from 'react';
import { InlineField, Input, Select, Stack } from '@grafana/ui';
import { AGGREGATIONS, DEFAULT_QUERY, type Aggregation, type MetricQuery } from './query';

/** In a plugin these props come from QueryEditorProps<DataSource, MetricQuery> in @grafana/data. */
interface Props {
  query: Partial<MetricQuery>;
  onChange(query: Partial<MetricQuery>): void;
  onRunQuery(): void;
}

const AGGREGATION_OPTIONS = AGGREGATIONS.map((value) => ({ label: value, value }));

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  // A new query arrives almost empty: show the defaults the backend will apply.
  const current = { ...DEFAULT_QUERY, ...query };

  const onMetricChange = (event: ChangeEvent<HTMLInputElement>) => {
    onChange({ ...query, metric: event.currentTarget.value });
  };
  const onAggregationChange = (aggregation: Aggregation) => {
    onChange({ ...query, aggregation });
    onRunQuery();
  };

  return (
    <Stack gap={1}>
      <InlineField label="Metric" labelWidth={12} tooltip="A metric name, e.g. cpu_usage_percent">
        <Input value={current.metric} onChange={onMetricChange} onBlur={onRunQuery} width={32} />
      </InlineField>
      <InlineField label="Aggregation" labelWidth={14}>
        <Select options={AGGREGATION_OPTIONS} value={current.aggregation} onChange={(option) => onAggregationChange(option.value!)} width={16} />
      </InlineField>
      <InlineField label="Legend" labelWidth={10} tooltip="Series name; empty means the metric name">
        <Input value={current.legend} onChange={(event) => onChange({ ...query, legend: event.currentTarget.value })} width={24} />
      </InlineField>
    </Stack>
  );
}
