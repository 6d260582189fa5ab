import { describe, expect, it } from 'vitest';
import {
  promBuildInfoResponseSchema,
  promErrorResponseSchema,
  promLabelsResponseSchema,
  promQueryRangeResponseSchema,
  promQueryResponseSchema,
  promSeriesResponseSchema,
} from './types';

// Shapes copied from the Prometheus HTTP API documentation's examples.
const matrix = {
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [
      {
        metric: { __name__: 'up', job: 'prometheus', instance: 'localhost:9090' },
        values: [
          [1435781430.781, '1'],
          [1435781445.781, '1'],
        ],
      },
    ],
  },
};

describe('promQueryRangeResponseSchema', () => {
  it('accepts a documented matrix response and a documented error', () => {
    expect(promQueryRangeResponseSchema.parse(matrix)).toEqual(matrix);
    const error = { status: 'error', errorType: 'bad_data', error: 'invalid parameter "start"' };
    expect(promQueryRangeResponseSchema.parse(error)).toEqual(error);
  });

  it('tolerates fields Prometheus may add, such as warnings', () => {
    expect(promQueryRangeResponseSchema.safeParse({ ...matrix, warnings: ['partial'], infos: [] }).success).toBe(true);
  });

  it.each([
    ['a value as a number', { ...matrix, data: { ...matrix.data, result: [{ metric: {}, values: [[1, 1]] }] } }],
    ['a timestamp as a string', { ...matrix, data: { ...matrix.data, result: [{ metric: {}, values: [['1', '1']] }] } }],
    ['a vector result type', { ...matrix, data: { ...matrix.data, resultType: 'vector' } }],
    ['a label value that is not a string', { ...matrix, data: { ...matrix.data, result: [{ metric: { a: 1 }, values: [] }] } }],
    ['an unknown status', { ...matrix, status: 'ok' }],
    ['an error without a message', { status: 'error', errorType: 'bad_data' }],
  ])('rejects %s', (_, body) => {
    expect(promQueryRangeResponseSchema.safeParse(body).success).toBe(false);
  });
});

describe('the other response schemas', () => {
  it('accept what the documentation shows', () => {
    const vector = { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1435781451.781, '1'] }] } };
    expect(promQueryResponseSchema.safeParse(vector).success).toBe(true);
    expect(promLabelsResponseSchema.safeParse({ status: 'success', data: ['__name__', 'job'] }).success).toBe(true);
    expect(promSeriesResponseSchema.safeParse({ status: 'success', data: [{ __name__: 'up', job: 'node' }] }).success).toBe(true);
    const buildinfo = {
      status: 'success',
      data: { version: '2.13.1', revision: 'cb7cbad5', branch: 'master', buildUser: 'u@h', buildDate: '20191018-13:23:47', goVersion: 'go1.13.1' },
    };
    expect(promBuildInfoResponseSchema.safeParse(buildinfo).success).toBe(true);
  });

  it('keep error types to the known list', () => {
    expect(promErrorResponseSchema.safeParse({ status: 'error', errorType: 'unauthorized', error: 'x' }).success).toBe(true);
    expect(promErrorResponseSchema.safeParse({ status: 'error', errorType: 'oops', error: 'x' }).success).toBe(false);
  });
});
