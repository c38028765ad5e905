/**
 * An item's slot is reused once it ends, and the rarely used fields of its record (timeout,
 * priority, attempts, failure cause...) are not cleared when a slot is taken: whoever sets one
 * marks the record, and freeing it restores the defaults. Here a slot that held a retried item
 * with a timeout and a priority is taken by a plain one, which must see none of them.
 */
import { describe, expect, it } from 'vitest';
import type { SimulationApi, Strategy } from '../../sim/api.js';
import { Dimensions } from '../../sim/resources.js';
import { Simulation } from '../../sim/simulation.js';
import type { ItemSink, WorkloadSource } from '../../sim/source.js';
import { itemsOf } from '../helpers.js';

interface Job {
  id: string;
  at: number;
  duration: number;
  timeout?: number;
  priority?: number;
}

/** Submits one job per call, so slots freed meanwhile are reused by the jobs that follow. */
function oneAtATime(jobs: Job[]): WorkloadSource {
  let next = 0;
  return {
    name: 'jobs',
    fill(sink: ItemSink): boolean {
      const job = jobs[next];
      const item = sink.begin(0, job.at);
      sink.declare(item, 0, 2);
      const st = sink.stage(item, job.duration);
      sink.demand(st, 0, 2);
      if (job.timeout !== undefined) sink.timeout(item, job.timeout);
      if (job.priority !== undefined) sink.setPriority(item, job.priority);
      sink.commit(item, next++);
      return next < jobs.length;
    },
    idOf: (local) => jobs[local].id,
  };
}

describe('item slots', () => {
  it('a reused slot keeps none of its last item’s timeout, priority or attempts', async () => {
    // One instance of 2 cores; every job takes both. x runs 0–5. a arrives at 1, times out at 2,
    // is retried at once and runs 5–10. b runs 10–30. c (20) takes x's freed slot, d (25) a's:
    // both wait for b, far longer than a's 1-second timeout, and run 30–31 and 31–32.
    const jobs: Job[] = [
      { id: 'x', at: 0, duration: 5 },
      { id: 'a', at: 1, duration: 5, timeout: 1, priority: 7 },
      { id: 'b', at: 9, duration: 20 },
      { id: 'c', at: 20, duration: 1 },
      { id: 'd', at: 25, duration: 1 },
    ];
    let sim!: SimulationApi;
    const seen = new Map<string, { slot: number; attempts: number; priority: number }>();
    const strategy: Strategy = {
      name: 'retry-once',
      init(s) {
        sim = s;
      },
      onArrival(item) {
        const id = sim.idOf(item);
        if (!seen.has(id)) seen.set(id, { slot: item, attempts: sim.attempts(item), priority: sim.priority(item) });
        this.onItemEnd!(item, 0, 0);
      },
      onItemEnd() {
        for (let i = sim.firstWaiting(); i >= 0; ) {
          const next = sim.nextWaiting(i);
          if (!sim.place(i, 0)) break;
          i = next;
        }
      },
      onFailure(item) {
        if (sim.attempts(item) === 0) sim.retry(item, 0);
      },
    };
    const dims = new Dimensions();
    const run = new Simulation({
      dims,
      groups: [
        {
          name: 'host',
          capacity: Float64Array.of(2, 4, 0, 0),
          labels: {},
          zone: 'a',
          price: 0,
          provisionTime: 0,
          bootCached: 0,
          bootUncached: 0,
          images: [],
        },
      ],
      initial: [{ group: 0, count: 1 }],
      sources: [oneAtATime(jobs)],
      strategy,
      seed: 1,
    });
    await run.run();
    const items = itemsOf(run);
    expect([...items.values()].map((r) => [r.id, r.start, r.end, r.outcome])).toEqual([
      ['x', 0, 5, 'completed'],
      ['a', 5, 10, 'completed'],
      ['b', 10, 30, 'completed'],
      ['c', 30, 31, 'completed'],
      ['d', 31, 32, 'completed'],
    ]);
    expect(seen.get('a')).toMatchObject({ attempts: 0, priority: 7 });
    // The slots really were reused: c took x's, d took a's (retried, with a timeout and a priority).
    expect(seen.get('c')!.slot).toBe(seen.get('x')!.slot);
    expect(seen.get('d')!.slot).toBe(seen.get('a')!.slot);
    expect(seen.get('d')).toMatchObject({ attempts: 0, priority: 0 });
  });
});
