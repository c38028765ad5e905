/**
 * The strategy's own work (seeds 003 and 004): a shadow run under a cap runs at the capped rate and
 * is monitored; its use counts in utilisation but it has no outcome; a prefetch caches an image
 * ahead of need; `resize` moves a reservation.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SimulationApi, StageObservation, Strategy } from '../../sim/api.js';
import { DebianIndex } from '../../scenarios/debian.js';
import { SHARED, runWith } from '../helpers.js';

const PACKAGES = join(SHARED, 'traces', 'debian', 'packages.csv');
const PROVIDES = join(SHARED, 'traces', 'debian', 'provides.csv');

/** A strategy that only places what arrives on instance 0, and records what monitoring reports. */
class Probe implements Strategy {
  readonly name = 'probe';
  sim!: SimulationApi;
  readonly observed: { own: boolean; stage: number; elapsed: number; demand: number[] }[] = [];
  readonly ended: { own: boolean; outcome: number; at: number }[] = [];
  constructor(private readonly start: (sim: SimulationApi) => void = () => {}) {}
  init(sim: SimulationApi): void {
    this.sim = sim;
    this.start(sim);
  }
  onArrival(item: number): void {
    this.sim.place(item, 0);
  }
  onStageEnd(item: number, obs: StageObservation): void {
    this.observed.push({ own: this.sim.isOwn(item), stage: obs.stage, elapsed: obs.elapsed, demand: [...obs.demand] });
  }
  onItemEnd(item: number, outcome: number): void {
    this.ended.push({ own: this.sim.isOwn(item), outcome, at: this.sim.now });
  }
}

describe('shadow runs', () => {
  it('run a fresh install under a hard cap, are monitored, count in utilisation and have no outcome', async () => {
    const index = await DebianIndex.load(PACKAGES, PROVIDES);
    const closure = index.closure('nginx');
    let download = 0;
    let installed = 0;
    for (const p of closure) {
      download += index.packages.get(p)!.downloadBytes;
      installed += index.packages.get(p)!.installedKiB;
    }
    const n = closure.length;
    const mib = installed / 1024;
    // The install model at usage factor 1 (generators/install.ts), mirror 40 MB/s, disk 150 MB/s.
    const full = [download / 1e6 / 40, mib / 150, 0.5 + 0.01 * n, 1 + 0.05 * n, mib / 300];
    // Cap: cpu 0.5 and io 75. Fetch (cpu 0.1, net 40) runs at full speed; extract (io 150, cpu
    // 0.5) at 75/150; resolve and configure (cpu 1) at 0.5; verify (io 150) at 0.5.
    const bound = [1, 0.5, 0.5, 0.5, 0.5];
    const probe = new Probe((sim) => {
      expect(sim.shadowable()).toEqual(['nginx']);
      expect(sim.shadow('nginx', 0, { length: 4, 0: 0.5, 1: 1, 2: 75, 3: 40 } as ArrayLike<number>)).toBeGreaterThanOrEqual(0);
      expect(sim.shadow('no-such-package', 0, [0.5, 1, 75, 40])).toBe(-1);
      expect(sim.shadow('nginx', 0, [100, 1, 75, 40])).toBe(-1);
    });
    const { summary, items, sim } = await runWith(
      {
        fleet: [{ count: 1, cpu: 4, mem: 8, io: 400, net: 200 }],
        workload: {
          generators: [
            {
              kind: 'install',
              packages: { path: PACKAGES, provides: PROVIDES },
              choose: ['nginx'],
              count: 0,
              rate: 1,
              usage: { const: 1 },
              declared: { cpu: 1 },
            },
          ],
        },
      },
      probe,
    );
    expect(probe.observed.map((o) => o.stage)).toEqual([0, 1, 2, 3, 4]);
    expect(probe.observed.every((o) => o.own)).toBe(true);
    probe.observed.forEach((o, k) => expect(o.elapsed).toBeCloseTo(full[k] / bound[k], 9));
    // Monitoring reports the true demand, not the capped use.
    expect(probe.observed[1].demand[2]).toBeCloseTo(150, 12);
    expect(probe.ended).toEqual([{ own: true, outcome: 0, at: expect.any(Number) }]);
    const end = full.reduce((a, t, k) => a + t / bound[k], 0);
    expect(sim.now).toBeCloseTo(end, 9);
    // No workload outcome, yet the cpu it used counts: Σ demand × full-speed duration over 4 cores.
    expect(summary.items).toBe(0);
    expect(items.size).toBe(0);
    const cpuSeconds = 0.1 * full[0] + 0.5 * full[1] + full[2] + full[3];
    expect(summary.utilization.cpu).toBeCloseTo(cpuSeconds / (4 * end), 9);
  });
});

describe('prefetch', () => {
  it('pulls an image ahead of need: the next job there finds it cached; the pull counts in net use', async () => {
    const probe = new Probe();
    let prefetched = -1;
    probe.onArrival = function (item: number) {
      const sim = this.sim;
      if (sim.arrival(item) === 1000) {
        expect(sim.prefetch(1, 'framework=unknown')).toBe(-1);
        prefetched = sim.prefetch(1, 'framework=torch');
        expect(sim.prefetch(1, 'framework=torch')).toBe(-2);
        sim.place(item, 0);
      } else sim.place(item, 1);
    };
    const { items, summary } = await runWith(
      {
        fleet: [{ count: 2, cpu: 4, mem: 8, net: 100 }],
        workload: {
          generators: [
            {
              kind: 'job',
              count: 2,
              interarrival: { const: 1000 },
              declared: { cpu: 1 },
              duration: { const: 10 },
              meta: { framework: ['torch'] },
              pulls: [{ meta: 'framework', seconds: 100, cached: 1, net: 50 }],
            },
          ],
        },
      },
      probe,
    );
    expect(prefetched).toBeGreaterThanOrEqual(0);
    // The first job pulls for 100 s on instance 0; the second finds the image on instance 1.
    expect(items.get('job00')!.end).toBeCloseTo(1110, 9);
    expect(items.get('job01')!.end).toBeCloseTo(2011, 9);
    expect(probe.ended.filter((e) => e.own)).toEqual([{ own: true, outcome: 0, at: 1100 }]);
    // net: 50 MB/s × (100 s + 100 s prefetch + 1 s), over 200 MB/s × 2011 s.
    expect(summary.utilization.net).toBeCloseTo((50 * 201) / (200 * 2011), 9);
  });
});

describe('resize', () => {
  it('shrinks a reservation (capacity frees at once) and grows it only into free capacity', async () => {
    const probe = new Probe();
    const seen: number[] = [];
    probe.onArrival = function (item: number) {
      const sim = this.sim;
      sim.place(item, 0, [3, 1, 0, 0]);
      seen.push(sim.fleet.free[0]);
      expect(sim.resize(item, [1, 1, 0, 0])).toBe(true);
      seen.push(sim.fleet.free[0]);
      expect(sim.resize(item, [5, 1, 0, 0])).toBe(false);
      expect(sim.resize(item, [4, 1, 0, 0])).toBe(true);
      seen.push(sim.fleet.free[0]);
    };
    const { summary } = await runWith(
      {
        fleet: [{ count: 1, cpu: 4, mem: 8 }],
        workload: { items: [{ id: 'a', at: 0, declared: { cpu: 3 }, stages: [{ duration: 10, demand: { cpu: 1 } }] }] },
      },
      probe,
    );
    expect(seen).toEqual([1, 3, 0]);
    // The reservation held 4 cores for the whole run: allocation 100 %.
    expect(summary.allocation.cpu).toBeCloseTo(1, 12);
  });
});
