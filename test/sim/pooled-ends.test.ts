/**
 * The stages of a contended instance share one completion event (kernel.ts, `setPooledRates`)
 * rather than one each, moved in the queue at every change. The kernel keeps the per-stage way as
 * an option; both must give the same run — the same items.csv, the same summary, the same number
 * of events — on random scenarios with contention, OOM kills, crashes and stage failures, where
 * stage ends tie (the order of events at one time must not change either), and on the 10,000-job
 * contended fleet SimGrid checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../sim/simulation.js';
import { ROOT, runSpec, type Ran } from '../helpers.js';
import { BASELINES, randomScenario, stageEndsAudit } from './random-runs.js';

/** Runs a scenario both ways; returns both runs and how many events found an instance pooled. */
async function bothWays(spec: object | string, strategy?: string, seed?: number) {
  let pooledSeen = 0;
  const audit = (sim: Simulation) => {
    stageEndsAudit(sim);
    for (let i = 0; i < sim.fleet.count; i++) pooledSeen += sim.fleet.pooled[i];
  };
  const pooled = await runSpec(spec, { strategy, seed, audit });
  const seenWithPooling = pooledSeen;
  pooledSeen = 0;
  const perStage = await runSpec(spec, { strategy, seed, audit, pooledStageEnds: false });
  expect(pooledSeen).toBe(0);
  return { pooled, perStage, seenWithPooling };
}

function expectSameRun(a: Ran, b: Ran) {
  expect(a.sim.metrics.events).toBe(b.sim.metrics.events);
  expect([...a.items.values()]).toEqual([...b.items.values()]);
  const { wallSeconds: _a, eventsPerSecond: _ae, ...summaryA } = a.summary;
  const { wallSeconds: _b, eventsPerSecond: _be, ...summaryB } = b.summary;
  expect(summaryA).toEqual(summaryB);
}

describe('pooled stage ends on contended instances', () => {
  it('give the same run as one event per stage, on random contended scenarios (12 seeds × 5 baselines)', async () => {
    let pooledEvents = 0;
    for (let seed = 1; seed <= 12; seed++) {
      for (const strategy of BASELINES) {
        const { pooled, perStage, seenWithPooling } = await bothWays(randomScenario(seed), strategy, seed);
        expectSameRun(pooled, perStage);
        pooledEvents += seenWithPooling;
      }
    }
    // The property means something only if instances were pooled, often.
    expect(pooledEvents).toBeGreaterThan(10_000);
  });

  it('give the same run where stage ends tie (shadow runs of equal length on one sandbox)', async () => {
    const spec = readFileSync(join(ROOT, 'scenarios', 'shadow-catalogue.yaml'), 'utf8');
    for (const seed of [3, 5, 10]) {
      const { pooled, perStage, seenWithPooling } = await bothWays(spec, 'shadow-profiling', seed);
      expectSameRun(pooled, perStage);
      expect(seenWithPooling).toBeGreaterThan(0);
    }
  });

  it('give the same run on the 10,000-job contended fleet, where nearly every instance is pooled', async () => {
    const spec = readFileSync(join(ROOT, 'scenarios', 'fleet-contended.yaml'), 'utf8');
    const { pooled, perStage, seenWithPooling } = await bothWays(spec);
    expectSameRun(pooled, perStage);
    expect(pooled.summary.completed).toBe(10_000);
    expect(seenWithPooling).toBeGreaterThan(100_000);
  });
});
