/**
 * Writes the outputs of `fleetlab run` (DESIGN §5): summary.json and summary.csv for all runs, and
 * per run items.csv and timeseries.csv — at the top of the folder for a single run, in
 * `<strategy>-seed<k>/` for several.
 */
import { CAUSES, ITEM_KINDS, OUTCOMES } from '../sim/api.js';
import type { Simulation } from '../sim/simulation.js';
import { NOT_ARRIVED } from '../sim/simulation.js';
import { OutputSet, type Cell } from './files.js';
import { flatten, type RunSummary } from './summary.js';

export interface FinishedRun {
  summary: RunSummary;
  sim: Simulation;
}

export const ITEM_COLUMNS = ['id', 'kind', 'arrival', 'start', 'end', 'instance', 'outcome', 'cause'] as const;

/** One row per item that arrived, in submission order. */
export function* itemRows(sim: Simulation): Generator<Cell[]> {
  const log = sim.outcomes;
  const names = sim.fleet.names;
  for (let o = 0; o < log.count; o++) {
    if (log.ended(o) === NOT_ARRIVED) continue;
    const inst = log.instance(o);
    yield [
      sim.sources[log.source(o)].idOf(log.local(o)),
      ITEM_KINDS[log.kind(o)],
      log.arrival(o),
      log.started(o),
      log.endTime(o),
      inst >= 0 ? names[inst] : '',
      OUTCOMES[log.outcome(o)],
      CAUSES[log.cause(o)],
    ];
  }
}

export function summaryCsv(summaries: readonly RunSummary[]): { header: string[]; rows: Cell[][] } {
  const flat = summaries.map((s) => flatten(s));
  // Every column any run has (strategies report counters of their own), in first-seen order.
  const header = [...new Set(flat.flatMap((f) => Object.keys(f)))];
  return { header, rows: flat.map((f) => header.map((h) => f[h])) };
}

export async function writeRunOutputs(dir: string, runs: readonly FinishedRun[]): Promise<string[]> {
  const out = new OutputSet(dir);
  try {
    const summaries = runs.map((r) => r.summary);
    out.json('summary.json', summaries);
    const table = summaryCsv(summaries);
    await out.csv('summary.csv', table.header, table.rows);
    for (const run of runs) {
      const sub = runs.length === 1 ? '' : `${run.summary.strategy}-seed${run.summary.seed}/`;
      await out.csv(`${sub}items.csv`, ITEM_COLUMNS, itemRows(run.sim));
      await out.csv(`${sub}timeseries.csv`, run.sim.series.columns, run.sim.series.rows);
    }
    return out.commit();
  } catch (e) {
    out.abandon();
    throw e;
  }
}
