/** The sharing solver on its own: water-filling by weight, caps, and multi-dimension coupling. */
import { describe, expect, it } from 'vitest';
import { ContentionSolver } from '../../sim/contention.js';

function solve(capacity: number[], demand: number[][], weight: number[][]): number[] {
  const s = new ContentionSolver();
  const S = capacity.length;
  s.reserve(demand.length, S);
  demand.forEach((row, j) =>
    row.forEach((v, d) => {
      s.demand[j * S + d] = v;
      s.weight[j * S + d] = weight[j][d];
    }),
  );
  s.solve(demand.length, S, capacity);
  return Array.from(s.rate.subarray(0, demand.length));
}

describe('ContentionSolver', () => {
  it('shares one dimension by weight: 3 : 1 of one core', () => {
    expect(solve([1], [[1], [1]], [[0.75], [0.25]])).toEqual([0.75, 0.25]);
  });

  it('gives a capped stage its demand and the rest to others (water-filling)', () => {
    // 4 cores: a wants 1 (weight 3), five others want 1 (weight 1): λ = 0.5 caps a at 1, then
    // the other five share 3 cores: 0.6 each.
    const r = solve([4], [[1], [1], [1], [1], [1], [1]], [[3], [1], [1], [1], [1], [1]]);
    expect(r[0]).toBe(1);
    for (const x of r.slice(1)) expect(x).toBeCloseTo(0.6, 12);
  });

  it('runs everything at full speed when demand fits', () => {
    expect(solve([8, 100], [[2, 10], [4, 50]], [[1, 1], [1, 1]])).toEqual([1, 1]);
  });

  it('couples dimensions: the DESIGN §2 example (cpu 2, io 100)', () => {
    const r = solve(
      [2, 100],
      [
        [1, 100],
        [2, 0],
        [0, 100],
      ],
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
    );
    expect(r[0]).toBeCloseTo(0.5, 12);
    expect(r[1]).toBeCloseTo(0.75, 12);
    expect(r[2]).toBeCloseTo(0.5, 12);
  });

  it('a stage with no capacity on a dimension it needs stalls', () => {
    expect(solve([4, 0], [[1, 10]], [[1, 1]])).toEqual([0]);
  });
});
