/** `fleetlab bench`: the tinybench suites, and the regression check CI runs. */
import { readFileSync, writeFileSync } from 'node:fs';
import { InputError } from '../scenarios/input-error.js';
import { baselineOf, checkAgainst, type Baseline } from '../bench/check.js';
import { format, runBench, type BenchReport } from '../bench/suites.js';
import { printTable } from './table.js';

export interface BenchFlags {
  check?: string;
  updateBaseline?: boolean | string;
  json?: boolean;
  filter?: string;
  time?: string;
}

export function readBaseline(path: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`${path}: cannot read the bench baseline (${(e as Error).message})`);
  }
  const b = raw as Baseline;
  if (typeof b !== 'object' || b === null || typeof b.suites !== 'object' || typeof b.tolerance !== 'number') {
    throw new InputError(`${path}: expected {note, tolerance, suites: {name: ratio}}`);
  }
  return b;
}

const CONFIRMATIONS = 3;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs the suites; returns the exit code (1 when --check finds a regression). */
export async function bench(flags: BenchFlags): Promise<number> {
  const baseline = flags.check ? readBaseline(flags.check) : undefined;
  const log = flags.json ? undefined : (line: string) => process.stderr.write(`${line}\n`);
  const filter = flags.filter ? new RegExp(flags.filter) : undefined;
  const time = flags.time ? Number(flags.time) : undefined;
  const report: BenchReport = await runBench({ filter, time, log });
  let rows = baseline ? checkAgainst(report, baseline) : [];
  // A shared 2-core machine has slow moments: a suite below its baseline is measured again (three
  // times at most) and passes if any attempt is within tolerance. A real regression fails every
  // attempt.
  for (let attempt = 1; baseline && attempt <= CONFIRMATIONS; attempt++) {
    const failing = rows.filter((r) => !r.ok).map((r) => r.name);
    if (failing.length === 0) break;
    log?.(`re-measuring ${failing.length} suite(s) below baseline (attempt ${attempt} of ${CONFIRMATIONS}): ${failing.join(', ')}`);
    const again = await runBench({ filter: new RegExp(`^(${failing.map(escapeRegExp).join('|')})$`), time, log });
    for (const r of again.results) {
      const i = report.results.findIndex((x) => x.name === r.name);
      if (r.ratio > report.results[i].ratio) report.results[i] = r;
    }
    rows = checkAgainst(report, baseline);
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...report, check: rows }, null, 2)}\n`);
  } else {
    console.log(`\ncalibration: ${format(report.calibration)} runs/s; ratio = rate / calibration rate\n`);
    printTable(
      ['suite', 'rate', 'unit', 'ratio', ...(baseline ? ['baseline', 'change', ''] : [])],
      report.results.map((r) => {
        const c = rows.find((x) => x.name === r.name);
        return [
          r.name,
          format(r.rate),
          r.unit,
          r.ratio.toPrecision(4),
          ...(baseline ? [c ? c.baseline.toPrecision(4) : '–', c ? `${((c.change - 1) * 100).toFixed(0)} %` : '–', c && !c.ok ? 'SLOWER' : ''] : []),
        ];
      }),
    );
    const ratio = (a: string, b: string) => {
      const x = report.results.find((r) => r.name === a);
      const y = report.results.find((r) => r.name === b);
      return x && y ? `${(x.rate / y.rate).toFixed(2)}×` : undefined;
    };
    const notes = [
      ['kernel / hand-written loop on fleet-ff (H = 1000)', ratio('kernel.fleet-ff', 'reference.fleet-ff')],
      ['first-fit indexed / linear at 10k instances', ratio('placement.first-fit.10k', 'placement.first-fit-linear.10k')],
      ['best-fit indexed / linear at 10k instances', ratio('placement.best-fit.10k', 'placement.best-fit-linear.10k')],
    ].filter(([, v]) => v !== undefined);
    if (notes.length) console.log('');
    for (const [k, v] of notes) console.log(`${k}: ${v}`);
  }
  if (flags.updateBaseline) {
    const path = typeof flags.updateBaseline === 'string' ? flags.updateBaseline : flags.check ?? 'bench/baseline.json';
    writeFileSync(path, `${JSON.stringify(baselineOf(report, `fleetlab bench --update-baseline on ${new Date().toISOString().slice(0, 10)}`), null, 2)}\n`);
    if (!flags.json) console.log(`baseline written to ${path}`);
  }
  const failed = rows.filter((r) => !r.ok);
  if (failed.length > 0 && !flags.updateBaseline) {
    for (const f of failed) {
      console.error(`fleetlab bench: ${f.name} is ${((1 - f.change) * 100).toFixed(0)} % below its baseline ratio (${f.now.toPrecision(4)} vs ${f.baseline.toPrecision(4)}; tolerance ${baseline!.tolerance * 100} %)`);
    }
    return 1;
  }
  return 0;
}
