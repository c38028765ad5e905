/**
 * Seed 000: the auction's winner and price follow the reverse second-price rule; staged installs
 * are retried after a rolled-back stage failure and a retried stage gets a fresh failure draw.
 */
import { describe, expect, it } from 'vitest';
import { Auction, reverseVickrey } from '../../strategies/auction.js';
import { StagedInstall } from '../../strategies/staged-install.js';
import { runWith } from '../helpers.js';

describe('auction (seed 000)', () => {
  it('the lowest bid wins and is paid the second-lowest; ties go to the lowest index; one bidder pays its bid', () => {
    expect(reverseVickrey([{ bidder: 0, bid: 0.7 }, { bidder: 1, bid: 0.4 }, { bidder: 2, bid: 0.5 }])).toEqual({ winner: 1, price: 0.5 });
    expect(reverseVickrey([{ bidder: 3, bid: 0.4 }, { bidder: 1, bid: 0.4 }])).toEqual({ winner: 1, price: 0.4 });
    expect(reverseVickrey([{ bidder: 2, bid: 0.9 }])).toEqual({ winner: 2, price: 0.9 });
  });

  it('in a run, an instance bids 1 − its mean cpu and mem share left after the task', async () => {
    // Two instances: 8 cores/32 GiB with 4 and 16 in use by x, and an empty one. The task (2 cores,
    // 8 GiB) leaves (2/8 + 8/32)/2 = 0.25 on the first → bid 0.75, and (6/8 + 24/32)/2 = 0.75 on
    // the second → bid 0.25: the empty one wins and is paid 0.75.
    const strategy = new Auction();
    const { items } = await runWith(
      {
        fleet: [{ count: 2, cpu: 8, mem: 32 }],
        workload: {
          items: [
            { id: 'x', at: 0, declared: { cpu: 4, mem: 16 }, stages: [{ duration: 100, demand: { cpu: 4 } }] },
            { id: 't', at: 1, declared: { cpu: 2, mem: 8 }, stages: [{ duration: 10, demand: { cpu: 2 } }] },
          ],
        },
      },
      strategy,
    );
    expect(items.get('t')!.instance).toBe('g0-1');
    expect(strategy.stats().auctions).toBe(2);
    // For x both empty instances bid 1 − (4/8 + 16/32)/2 = 0.5: a tie, index 0 wins at 0.5.
    // t is won at 0.75. Mean price (0.5 + 0.75) / 2.
    expect(strategy.stats().meanPrice).toBeCloseTo(0.625, 12);
  });
});

describe('staged install (seed 000)', () => {
  it('retries an install whose stage failed (after its rollback), and the retry meets a fresh draw', async () => {
    // stageFailure 0.5: some first attempts fail and are rolled back; every failed one is retried
    // once with the draw rotated, so more installs complete than under first-fit.
    const spec = (strategy: string) => ({
      fleet: [{ count: 2, cpu: 16, mem: 64, io: 1000, net: 1000 }],
      workload: { items: Array.from({ length: 40 }, (_, k) => ({ id: `i${k}`, at: k, kind: 'install', declared: { cpu: 1, mem: 1 }, stages: [{ duration: 5, demand: { cpu: 1 } }], rollback: { duration: 2, demand: { io: 10 } } })) },
      faults: { stageFailure: 0.5 },
      strategies: [strategy],
    });
    const staged = new StagedInstall();
    const a = await runWith(spec('first-fit'), new Auction());
    const b = await runWith(spec('first-fit'), staged);
    expect(a.summary.rollbacks).toBeGreaterThan(5);
    expect(b.summary.retries).toBe(a.summary.failedBy.stageFailure);
    expect(b.summary.completed).toBeGreaterThan(a.summary.completed);
  });

  it('reserves critical installs as tier 1', async () => {
    let tier = 0;
    const inner = new StagedInstall();
    const strategy = {
      ...inner,
      name: inner.name,
      init: (s: import('../../sim/api.js').SimulationApi) => {
        inner.init(s);
        strategy.sim = s;
      },
      onArrival: (i: number) => {
        inner.onArrival(i);
        const r = strategy.sim!.reservationOf(i);
        if (r >= 0) tier = strategy.sim!.reservationTier(r);
      },
      sim: undefined as import('../../sim/api.js').SimulationApi | undefined,
    };
    await runWith(
      { fleet: [{ count: 1, cpu: 4, mem: 8 }], workload: { items: [{ id: 'c', at: 0, kind: 'install', declared: { cpu: 1 }, stages: [{ duration: 1 }], meta: { critical: true } }] } },
      strategy,
    );
    expect(tier).toBe(1);
  });
});
