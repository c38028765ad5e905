/**
 * Seed 004: reservations from a nearest-neighbour model of job metadata, images pulled ahead of
 * need, reservations adjusted to what runs use, high-priority work swapping low-priority work out
 * (never the reverse), and the weighted multi-objective score.
 */
import { describe, expect, it } from 'vitest';
import { PreConfiguration } from '../../strategies/pre-configuration.js';
import { observing, runWith } from '../helpers.js';

/** Records each job's reservation when placed, and each running job's at every tick. */
function recording(inner: PreConfiguration) {
  const placed: { at: number; vector: number[] }[] = [];
  const ticks: number[][] = [];
  const strategy = observing(inner, {
    after(sim, item) {
      const r = sim.reservationOf(item);
      if (r >= 0) placed.push({ at: sim.now, vector: [...sim.reservationVector(r)] });
    },
    afterTick(sim) {
      for (let i = 0; i < sim.fleet.count; i++) {
        for (const r of sim.reservationsOn(i, [])) if (sim.reservationItem(r) >= 0) ticks.push([...sim.reservationVector(r)]);
      }
    },
  });
  return { strategy, placed, ticks };
}

const job = (extra: object) => ({
  kind: 'job',
  interarrival: { const: 100 },
  declared: { cpu: 4, mem: 8 },
  duration: { const: 50 },
  meta: { application: ['etl'] },
  ...extra,
});

describe('pre-configuration (seed 004)', () => {
  it('reserves declared until 20 jobs were seen, then declared × the neighbours’ 90th percentile × 1.1', async () => {
    const s = new PreConfiguration();
    const { strategy, placed } = recording(s);
    await runWith({ fleet: [{ count: 1, cpu: 16, mem: 64 }], workload: { generators: [job({ count: 30, usage: { cpu: { const: 0.5 }, mem: { const: 0.25 } } })] } }, strategy);
    expect(placed.slice(0, 20).every((p) => p.vector[0] === 4 && p.vector[1] === 8)).toBe(true);
    // Every neighbour used half the cpu and a quarter of the memory.
    expect(placed[25].vector[0]).toBeCloseTo(4 * 0.5 * 1.1, 12);
    expect(placed[25].vector[1]).toBeCloseTo(8 * 0.25 * 1.1, 12);
    expect(s.stats().predicted).toBe(10);
  });

  it('grows the memory of a job using more than it reserved, and shrinks cpu it leaves idle', async () => {
    const s = new PreConfiguration({ minSamples: 1000 });
    const { strategy, ticks } = recording(s);
    const { summary } = await runWith(
      {
        fleet: [{ count: 1, cpu: 16, mem: 64 }],
        workload: { generators: [job({ count: 1, duration: { const: 300 }, usage: { cpu: { const: 0.25 }, mem: { const: 1.5 } } })] },
      },
      strategy,
    );
    // The tick at 120 s sees 12 GiB used of 8 reserved: 14.4 GiB. The tick at 180 s sees 1 core
    // used of 4: 1.2 cores.
    expect(ticks[0][1]).toBeCloseTo(12 * 1.2, 12);
    expect(ticks[1][0]).toBeCloseTo(1 * 1.2, 12);
    expect(s.stats()).toMatchObject({ grown: 1, shrunk: 1 });
    expect(summary.completed).toBe(1);
  });

  it('pulls the images arriving jobs need onto the instances that can run them, ahead of need', async () => {
    const s = new PreConfiguration();
    const { sim, items } = await runWith(
      {
        fleet: [{ count: 4, cpu: 4, mem: 16, net: 100, labels: { accelerator: 'A100' } }, { name: 'plain', count: 2, cpu: 4, mem: 16, net: 100 }],
        workload: {
          generators: [
            job({
              count: 6,
              interarrival: { const: 400 },
              meta: { application: ['train'], framework: ['torch'], accelerator: ['A100'] },
              needsFromMeta: { accelerator: 'accelerator' },
              pulls: [{ meta: 'framework', seconds: 100, net: 50 }],
            }),
          ],
        },
      },
      s,
    );
    // Every job needed the image: it ends up on every A100 node, never on the plain ones.
    for (let i = 0; i < 4; i++) expect(sim.fleet.images[i].has('framework=torch')).toBe(true);
    for (let i = 4; i < 6; i++) expect(sim.fleet.images[i].has('framework=torch')).toBe(false);
    expect(s.stats().prefetches).toBeGreaterThanOrEqual(3);
    // Only the first job pulled for 100 s; the later ones found it cached (1 s) where they ran.
    const ends = [...items.values()].map((r) => r.end - r.arrival);
    expect(ends[0]).toBeCloseTo(150, 9);
    for (const e of ends.slice(1)) expect(e).toBeCloseTo(51, 9);
  });

  it('swaps a low-priority job out for a high-priority one, never the reverse', async () => {
    const s = new PreConfiguration();
    const { items, summary } = await runWith(
      {
        fleet: [{ count: 1, cpu: 4, mem: 16 }],
        workload: {
          items: [
            { id: 'low', at: 0, declared: { cpu: 4 }, stages: [{ duration: 100, demand: { cpu: 4 } }] },
            { id: 'high', at: 10, priority: 10, declared: { cpu: 4 }, stages: [{ duration: 100, demand: { cpu: 4 } }] },
            { id: 'high2', at: 20, priority: 10, declared: { cpu: 4 }, stages: [{ duration: 100, demand: { cpu: 4 } }] },
          ],
        },
      },
      s,
    );
    // high takes the instance at 10; low is preempted and queued again; high2 (tier 1 too) cannot
    // reclaim high, so it waits for it (110 → 210); low runs last (210 → 310), from its start.
    expect(items.get('high')).toMatchObject({ start: 10, end: 110, outcome: 'completed' });
    expect(items.get('high2')).toMatchObject({ start: 110, end: 210 });
    expect(items.get('low')).toMatchObject({ start: 210, end: 310, outcome: 'completed' });
    expect(s.stats()).toMatchObject({ swaps: 1, preempted: 1 });
    expect(summary.retries).toBe(1);
  });

  it('scores price, uncached pulls and packing: a dear node with the image beats a cheap one without', async () => {
    // Cheap: 0.3 × 1/12 + 0.5 × 1 + 0.2 × left; dear with the image: 0.3 × 1 + 0 + 0.2 × left.
    const spec = (images: string[]) => ({
      fleet: [
        { name: 'cheap', count: 1, cpu: 8, mem: 32, price: 1 },
        { name: 'dear', count: 1, cpu: 8, mem: 32, price: 12, images },
      ],
      workload: { generators: [job({ count: 1, meta: { framework: ['torch'] }, pulls: [{ meta: 'framework', seconds: 100 }] })] },
    });
    const withImage = await runWith(spec(['framework=torch']), new PreConfiguration());
    expect(withImage.items.get('job00')!.instance).toBe('dear-1');
    const without = await runWith(spec([]), new PreConfiguration());
    expect(without.items.get('job00')!.instance).toBe('cheap-0');
  });
});
