import { describe, expect, it } from 'vitest';
import { shuffleFor } from './shuffle';

const options = ['a', 'b', 'c', 'd'];

describe('shuffleFor', () => {
  it('is stable for one learner and question, and keeps every option once', () => {
    const first = shuffleFor(options, 'learner-1', 'q1');
    expect(shuffleFor(options, 'learner-1', 'q1')).toEqual(first);
    expect([...first].sort()).toEqual(options);
    expect(options).toEqual(['a', 'b', 'c', 'd']);
  });

  it('gives the right option every position across learners, about equally often', () => {
    const positions = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) positions[shuffleFor(options, `learner-${i}`, 'q1').indexOf('b')]++;
    for (const count of positions) expect(count).toBeGreaterThan(800);
  });

  it('orders different questions of one learner differently', () => {
    const orders = new Set(Array.from({ length: 20 }, (_, i) => shuffleFor(options, 'learner-1', `q${i}`).join('')));
    expect(orders.size).toBeGreaterThan(5);
  });
});
