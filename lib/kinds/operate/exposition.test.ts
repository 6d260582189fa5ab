import { describe, expect, it } from 'vitest';
import { CounterVec, HistogramVec, Registry } from '../../sdk/metrics';
import { parseExposition, parseFloatGo, samplesOf } from './exposition';

/** The format page's own example (https://prometheus.io/docs/instrumenting/exposition_formats/). */
const SPEC_EXAMPLE = `# HELP http_requests_total The total number of HTTP requests.
# TYPE http_requests_total counter
http_requests_total{method="post",code="200"} 1027 1395066363000
http_requests_total{method="post",code="400"}    3 1395066363000

# Escaping in label values:
msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9

# Minimalistic line:
metric_without_timestamp_and_labels 12.47

# A weird metric from before the epoch:
something_weird{problem="division by zero"} +Inf -3982045

# A histogram, which has a pretty complex representation in the text format:
# HELP http_request_duration_seconds A histogram of the request duration.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.05"} 24054
http_request_duration_seconds_bucket{le="0.1"} 33444
http_request_duration_seconds_bucket{le="0.2"} 100392
http_request_duration_seconds_bucket{le="0.5"} 129389
http_request_duration_seconds_bucket{le="1"} 133988
http_request_duration_seconds_bucket{le="+Inf"} 144320
http_request_duration_seconds_sum 53423
http_request_duration_seconds_count 144320

# Finally a summary, which has a complex representation, too:
# HELP rpc_duration_seconds A summary of the RPC duration in seconds.
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.01"} 3102
rpc_duration_seconds{quantile="0.99"} 76656
rpc_duration_seconds_sum 1.7560473e+07
rpc_duration_seconds_count 2693
`;

function failure(text: string) {
  const result = parseExposition(text);
  if (result.ok) throw new Error('expected the text to be refused');
  return result;
}

describe('parseExposition', () => {
  it("reads the format page's example: types, help, escaping, timestamps, histogram and summary", () => {
    const result = parseExposition(SPEC_EXAMPLE);
    if (!result.ok) throw new Error(result.message);
    expect(result.families.map((f) => [f.name, f.type])).toEqual([
      ['http_requests_total', 'counter'],
      ['msdos_file_access_time_seconds', 'untyped'],
      ['metric_without_timestamp_and_labels', 'untyped'],
      ['something_weird', 'untyped'],
      ['http_request_duration_seconds', 'histogram'],
      ['rpc_duration_seconds', 'summary'],
    ]);
    expect(result.families[1].samples[0].labels).toEqual({ path: 'C:\\DIR\\FILE.TXT', error: 'Cannot find file:\n"FILE.TXT"' });
    expect(result.families[0].samples[0]).toMatchObject({ value: 1027, timestampMs: 1395066363000 });
    expect(result.families[3].samples[0]).toMatchObject({ value: Infinity, timestampMs: -3982045 });
    expect(samplesOf(result.families, 'http_request_duration_seconds_bucket', { le: '+Inf' })[0].value).toBe(144320);
    expect(result.series).toBe(17);
  });

  it('reads back what the SDK registry renders, labelled histograms included', () => {
    const registry = new Registry();
    const h = new HistogramVec({ name: 'query_duration_seconds', help: 'Query time \\ in seconds.' }, ['query_type', 'status']);
    const c = new CounterVec({ name: 'queries_total', help: 'Queries.' }, ['query_type']);
    registry.mustRegister(h, c);
    for (const [type, seconds] of [['range', 0.02], ['range', 0.3], ['instant', 4]] as const) {
      h.withLabelValues(type, 'ok').observe(seconds);
      c.withLabelValues(type).inc();
    }
    const result = parseExposition(registry.metrics());
    if (!result.ok) throw new Error(result.message);
    expect(result.families.find((f) => f.name === 'query_duration_seconds')?.help).toBe('Query time \\ in seconds.');
    expect(samplesOf(result.families, 'query_duration_seconds_count', { query_type: 'range' })[0].value).toBe(2);
    expect(samplesOf(result.families, 'query_duration_seconds_bucket', { query_type: 'instant', le: '2.5' })[0].value).toBe(0);
    expect(samplesOf(result.families, 'queries_total').map((s) => s.value)).toEqual([1, 2]);
  });

  it('reads Go float spellings and refuses what is not one', () => {
    expect(parseFloatGo('1e3')).toBe(1000);
    expect(parseFloatGo('-.5')).toBe(-0.5);
    expect(parseFloatGo('NaN')).toBeNaN();
    expect(parseFloatGo('+Inf')).toBe(Infinity);
    expect(parseFloatGo('-inf')).toBe(-Infinity);
    for (const bad of ['', '1,5', '0x10', 'abc', '1e', '--1']) expect(parseFloatGo(bad)).toBeUndefined();
  });

  it.each([
    ['a value that is not a number', 'up abc\n', /line 1: the value of up is "abc", not a number/],
    ['a missing final line feed', 'up 1', /line 1: the last line must end with a line feed/],
    ['CRLF line ends', 'up 1\r\n', /carriage return/],
    ['a label value with an unknown escape', 'up{a="\\t"} 1\n', /escape \\t/],
    ['an unclosed label value', 'up{a="b} 1\n', /no closing double quote/],
    ['a label named twice', 'up{a="1",a="2"} 1\n', /names the label a twice/],
    ['a bad label name', 'up{1a="x"} 1\n', /label name of up is missing or invalid/],
    ['a bad metric name', '1up 1\n', /does not start with a metric name/],
    ['an unknown type', '# TYPE up gaugeish\nup 1\n', /"gaugeish" is not a metric type/],
    ['a second TYPE', '# TYPE up gauge\n# TYPE up gauge\nup 1\n', /a second # TYPE line for up/],
    ['a TYPE after samples', 'up 1\n# TYPE up gauge\n', /line 2: # TYPE up comes after samples/],
    ['a second HELP', '# HELP up a\n# HELP up b\nup 1\n', /a second # HELP line/],
    ['a HELP escape that is not allowed', '# HELP up a \\" b\nup 1\n', /HELP text may escape only/],
    ['a family split in two', 'a 1\nb 1\na{x="1"} 2\n', /line 3: the lines of a are not in one group/],
    ['a series twice', 'up{a="1"} 1\nup{a="1"} 2\n', /line 2: up\{a="1"\} appears twice/],
    ['a negative counter', '# TYPE c counter\nc -1\n', /never goes below 0/],
    ['a timestamp that is not an integer', 'up 1 12.5\n', /timestamp of up is "12.5"/],
    ['too many tokens', 'up 1 2 3\n', /more than a value and a timestamp/],
  ])('refuses %s, saying where and why', (_what, text, message) => {
    expect(failure(text).message).toMatch(message);
  });

  const histogram = (buckets: string, count = 3) => `# TYPE h histogram\n${buckets}h_sum 1\nh_count ${count}\n`;
  it.each([
    ['unsorted buckets', histogram('h_bucket{le="1"} 1\nh_bucket{le="0.5"} 2\nh_bucket{le="+Inf"} 3\n'), /line 3: the buckets of the histogram h are not in increasing order/],
    ['a non-numeric bucket', histogram('h_bucket{le="fast"} 1\nh_bucket{le="+Inf"} 3\n'), /le="fast", which is not a number/],
    ['counts that go down', histogram('h_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\n', 1), /fewer than the bucket before/],
    ['no +Inf bucket', histogram('h_bucket{le="1"} 3\n'), /no le="\+Inf" bucket/],
    ['+Inf unlike _count', histogram('h_bucket{le="+Inf"} 3\n', 4), /\+Inf bucket of the histogram h is 3 but h_count is 4/],
    ['a bucket without le', histogram('h_bucket 3\n'), /bucket without an le label/],
    ['no _sum', '# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_count 1\n', /no h_sum line/],
  ])('refuses a histogram with %s', (_what, text, message) => {
    expect(failure(text).message).toMatch(message);
  });

  it('refuses a scrape with a million label values at the series limit, naming the metric and label', () => {
    const lines = ['# TYPE requests_total counter'];
    // A million users would be ~30 MB; the scrape limit keeps what arrives under 256 K characters.
    for (let i = 0, chars = 0; chars < 250_000; i++) chars += lines[lines.push(`requests_total{user="u${i}"} 1`) - 1].length + 1;
    const result = failure(`${lines.join('\n')}\n`);
    expect(result.message).toMatch(/more than 5,000 series in one scrape; requests_total alone has 5,001: its label user has 5,001 different values/);
  });

  it('refuses a 10 MB text before parsing it', () => {
    const result = failure(`big{a="${'x'.repeat(10_000_000)}"} 1\n`);
    expect(result.message).toMatch(/10,000,\d{3} characters, over the 262,144 a scrape takes/);
    expect(result.line).toBeUndefined();
  });

  it('accepts an empty scrape and comments', () => {
    expect(parseExposition('')).toEqual({ ok: true, families: [], series: 0 });
    expect(parseExposition('# just a comment\n\n')).toEqual({ ok: true, families: [], series: 0 });
  });
});
