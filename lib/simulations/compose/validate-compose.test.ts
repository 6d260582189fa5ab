import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JavaScript, without declarations
import { composeValidatorSource, OUTPUT } from './build-validator.mjs';
import { readComposeFile } from './validate';

describe('the generated Compose validator', () => {
  it('is what build-validator.mjs makes from the installed schema (npm run prepare:assets writes it)', () => {
    expect(readFileSync(OUTPUT, 'utf8') === composeValidatorSource()).toBe(true);
  });
  it('has no runtime compile left in it', () => {
    const text = readFileSync(OUTPUT, 'utf8');
    expect(text.includes('new Function')).toBe(false);
    expect(/\brequire\("/.test(text)).toBe(false);
  });
});

describe('readComposeFile', () => {
  it('accepts current Compose keys (start_interval, depends_on restart)', () => {
    const text = 'services:\n  a:\n    image: x\n    healthcheck:\n      test: ["CMD", "true"]\n      start_interval: 1s\n  b:\n    image: y\n    depends_on:\n      a:\n        condition: service_healthy\n        restart: true\n';
    expect(readComposeFile('docker-compose.yml', text).errors).toEqual([]);
  });
  it('points an unknown key at its own line', () => {
    const text = 'services:\n  grafana:\n    image: grafana/grafana\n    helthcheck:\n      test: ["CMD", "true"]\n';
    const { errors, value } = readComposeFile('docker-compose.yml', text);
    expect(value).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'docker-compose.yml', line: 4 });
    expect(errors[0].message).toContain('"helthcheck"');
  });
  it('points a wrong value at its line, once', () => {
    const text = 'services:\n  api:\n    image: x\n  grafana:\n    image: y\n    depends_on:\n      api:\n        condition: service_ready\n';
    const { errors } = readComposeFile('docker-compose.yml', text);
    expect(errors.map((e) => e.line)).toEqual([8]);
    expect(errors[0].message).toContain('service_healthy');
  });
  it('reports a YAML indentation error at its line instead of throwing', () => {
    const text = 'services:\n  grafana:\n    image: y\n   ports:\n      - "3300:3000"\n';
    const { errors } = readComposeFile('docker-compose.yml', text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].line).toBeGreaterThanOrEqual(3);
  });
  it('survives an empty file and a file that is only a scalar', () => {
    expect(() => readComposeFile('docker-compose.yml', '')).not.toThrow();
    expect(readComposeFile('docker-compose.yml', 'just text').errors.length).toBeGreaterThan(0);
  });
});
