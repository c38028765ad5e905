/**
 * A run is a pure function of (scenario, strategy, seed): the same command twice writes
 * byte-identical items.csv and timeseries.csv and the same summary (timing fields aside), and two
 * strategies with the same seed meet exactly the same arrivals and true demands (common random
 * numbers).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Strategy, StageObservation } from '../../sim/api.js';
import { findStrategy } from '../../strategies/index.js';
import { TIMING_FIELDS } from '../../reports/summary.js';
import { CLI, ROOT, cli, readCsv, runWith, tempDir } from '../helpers.js';

describe('determinism', () => {
  it('the same scenario and seed give byte-identical outputs', () => {
    const [a, b] = [tempDir(), tempDir()];
    for (const out of [a, b]) {
      const r = cli(['run', 'scenarios/default.yaml', '--strategy', 'best-fit', '--seed', '3', '--param', 'jobs=1500', '--out', out]);
      expect(r.code, r.stderr).toBe(0);
    }
    for (const f of ['items.csv', 'timeseries.csv']) {
      expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
    }
    const strip = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).map((s: Record<string, unknown>) => {
        for (const k of TIMING_FIELDS) delete s[k];
        return s;
      });
    expect(strip(a)).toEqual(strip(b));
    expect(readCsv(join(a, 'items.csv'))).toHaveLength(1500);
  });

  it('under an address-space limit (no aligned memory to be had) the outputs are the same', () => {
    // `ulimit -v` refuses the WebAssembly memories the record tables are aligned in (sim/typed.ts).
    const [free, limited] = [tempDir(), tempDir()];
    const args = ['run', 'scenarios/fleet-ff.yaml', '--param', 'hosts=40', '--param', 'jobs=3000'];
    expect(cli([...args, '--out', free]).code).toBe(0);
    const quoted = [process.execPath, CLI, ...args, '--out', limited].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('bash', ['-c', `ulimit -v 6000000 && exec ${quoted}`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    for (const f of ['items.csv', 'timeseries.csv']) {
      expect(readFileSync(join(limited, f), 'utf8')).toBe(readFileSync(join(free, f), 'utf8'));
    }
  });

  it('another seed gives another workload', () => {
    const [a, b] = [tempDir(), tempDir()];
    cli(['run', 'scenarios/default.yaml', '--seed', '1', '--param', 'jobs=300', '--out', a]);
    cli(['run', 'scenarios/default.yaml', '--seed', '2', '--param', 'jobs=300', '--out', b]);
    expect(readFileSync(join(a, 'items.csv'), 'utf8')).not.toBe(readFileSync(join(b, 'items.csv'), 'utf8'));
  });
});

describe('common random numbers', () => {
  /** Wraps a registry strategy to record what monitoring shows of each item's true demand. */
  function recording(name: string, seen: Map<number, string>): Strategy {
    const inner = findStrategy(name)!.create({});
    let sim: import('../../sim/api.js').SimulationApi;
    return {
      name,
      init(s) {
        sim = s;
        inner.init(s);
      },
      onArrival: (i) => {
        seen.set(i, `${sim.idOf(i)}@${sim.arrival(i)}:${Array.from(sim.declaredVector(i)).join('/')}`);
        inner.onArrival(i);
      },
      onItemEnd: (i, o, c) => inner.onItemEnd?.(i, o, c),
      onInstanceReady: (i) => inner.onInstanceReady?.(i),
      onStageEnd: (i: number, obs: StageObservation) => {
        seen.set(-1 - i, `${seen.get(i)}|${sim.idOf(i)}:${Array.from(obs.demand).join('/')}:${obs.duration}`);
      },
    };
  }

  it('two strategies with one seed see identical arrivals, declared requests and true demands', async () => {
    const spec = YAMLish();
    const views: string[][] = [];
    for (const name of ['first-fit', 'least-allocated']) {
      const seen = new Map<number, string>();
      const arrivals: string[] = [];
      const demands: string[] = [];
      const strategy = recording(name, seen);
      const wrapped: Strategy = {
        ...strategy,
        onArrival: (i) => {
          strategy.onArrival(i);
          arrivals.push(seen.get(i)!);
        },
        onStageEnd: (i, obs) => {
          strategy.onStageEnd!(i, obs);
          demands.push(seen.get(-1 - i)!.split('|')[1]);
        },
      };
      const { summary } = await runWith(spec, wrapped, 5);
      expect(summary.items).toBe(400);
      views.push([...arrivals, '--', ...demands.sort()]);
    }
    expect(views[0]).toEqual(views[1]);
  });

  function YAMLish() {
    return {
      fleet: [{ count: 6, cpu: 16, mem: 64 }],
      workload: {
        generators: [
          {
            kind: 'job',
            count: 400,
            rate: 0.3,
            declared: { cpu: { choice: [1, 2, 4, 8] }, mem: { uniform: [1, 16] } },
            duration: { exponential: { mean: 120 } },
            usage: { cpu: { uniform: [0.5, 1.5] } },
          },
        ],
      },
    };
  }
});
