/**
 * The kernel's sharing against SimGrid 3.32 (DESIGN §2): the contention cases of
 * ../shared/validation/contention (end times computed by SimGrid), random held-out cases solved by
 * the reference water-filling of gen_cases.py, and the 10,000-job contended fleet. Relative error
 * of every end time ≤ 1e-6.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED, cli, python3Available, readCsv, runSpec, tempDir } from '../helpers.js';

const CONTENTION = join(SHARED, 'validation', 'contention');
const FLEET = join(SHARED, 'validation', 'fleet-contended');

interface Case {
  name: string;
  cores: number;
  speed: number;
  acts: { id: string; start: number; work: number; weight: number; bound: number; threads: number }[];
}

function parseCases(text: string): Case[] {
  const cases: Case[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === 'case') cases.push({ name: f[1], cores: Number(f[2]), speed: Number(f[3]), acts: [] });
    else if (f[0] === 'act') {
      cases[cases.length - 1].acts.push({
        id: f[1],
        start: Number(f[2]),
        work: Number(f[3]),
        weight: Number(f[4]),
        bound: Number(f[5]),
        threads: Number(f[6]),
      });
    }
  }
  return cases;
}

function parseEnds(text: string): Map<string, number> {
  const ends = new Map<string, number>();
  for (const line of text.trim().split('\n')) {
    const [c, a, t] = line.trim().split(/\s+/);
    ends.set(`${c}/${a}`, Number(t));
  }
  return ends;
}

/** The case as a fleetlab scenario, as the validation README maps it: one pinned item per activity. */
function scenarioOf(c: Case) {
  return {
    fleet: [{ name: 'h', count: 1, cpu: c.cores * c.speed, mem: 1 }],
    workload: {
      items: c.acts.map((a) => {
        const demand = a.bound > 0 ? a.bound : a.threads * c.speed;
        return {
          id: a.id,
          at: a.start,
          declared: { cpu: a.weight },
          stages: [{ duration: a.work / demand, demand: { cpu: demand } }],
          pin: 'h-0',
        };
      }),
    },
    strategies: ['pinned'],
  };
}

async function expectEnds(c: Case, expected: Map<string, number>) {
  const { items } = await runSpec(scenarioOf(c));
  for (const a of c.acts) {
    const want = expected.get(`${c.name}/${a.id}`);
    expect(want, `${c.name}/${a.id} has an expected end`).toBeDefined();
    const got = items.get(a.id)!;
    expect(got.outcome).toBe('completed');
    // Outputs round to 1e-6 s; compare the kernel's own end time through the outcome log too.
    expect(Math.abs(got.end - want!) / Math.max(1, want!), `${c.name}/${a.id}: ${got.end} vs ${want}`).toBeLessThanOrEqual(1e-6);
  }
}

describe('contention cases computed by SimGrid', () => {
  const cases = parseCases(readFileSync(join(CONTENTION, 'cases.txt'), 'utf8'));
  const expected = parseEnds(readFileSync(join(CONTENTION, 'expected.txt'), 'utf8'));

  it('has every case of expected.txt', () => {
    expect(cases.length).toBe(7);
    expect(expected.size).toBe(cases.reduce((n, c) => n + c.acts.length, 0));
  });

  for (const c of cases) {
    it(`reproduces ${c.name}`, async () => {
      await expectEnds(c, expected);
    });
  }
});

describe.runIf(python3Available())('random held-out cases (gen_cases.py water-filling)', () => {
  for (const seed of [11, 29, 47]) {
    it(`seed ${seed}: 40 random cases`, async () => {
      const script = join(CONTENTION, 'gen_cases.py');
      const text = execFileSync('python3', [script, 'gen', String(seed), '40'], { encoding: 'utf8' });
      const file = join(import.meta.dirname, `.cases-${seed}.txt`);
      const { writeFileSync, rmSync } = await import('node:fs');
      writeFileSync(file, text);
      try {
        const solved = execFileSync('python3', [script, 'solve', file], { encoding: 'utf8' });
        const expected = parseEnds(solved);
        for (const c of parseCases(text)) await expectEnds(c, expected);
      } finally {
        rmSync(file, { force: true });
      }
    });
  }
});

describe('the 10,000-job contended fleet', () => {
  const expected = parseEnds(
    readFileSync(join(FLEET, 'simgrid-ends-10k.txt'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => `fleet ${l}`)
      .join('\n'),
  );

  it('gives every job the end time SimGrid computed', async () => {
    const rows = readFileSync(join(FLEET, 'jobs-10k.csv'), 'utf8').trim().split('\n').slice(1);
    const spec = {
      fleet: [{ name: 'h', count: 100, cpu: 64, mem: 1 }],
      workload: {
        items: rows.map((r) => {
          const [id, at, host, threads, work] = r.split(',');
          const k = Number(threads);
          return {
            id,
            at: Number(at),
            declared: { cpu: k },
            stages: [{ duration: Number(work) / k, demand: { cpu: k } }],
            pin: `h-${host}`,
          };
        }),
      },
      strategies: ['pinned'],
    };
    const { items, summary } = await runSpec(spec);
    expect(summary.completed).toBe(10000);
    let worst = 0;
    for (const [key, want] of expected) {
      const got = items.get(key.split('/')[1])!.end;
      worst = Math.max(worst, Math.abs(got - want) / want);
    }
    expect(worst).toBeLessThanOrEqual(1e-6);
  });

  it('the shipped scenario fleet-contended replays the same file through the CLI to the same end times', () => {
    const out = tempDir();
    const r = cli(['run', 'fleet-contended', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const rows = readCsv(join(out, 'items.csv'));
    expect(rows).toHaveLength(10000);
    let worst = 0;
    for (const row of rows) {
      const want = expected.get(`fleet/${row.id}`)!;
      worst = Math.max(worst, Math.abs(Number(row.end) - want) / want);
    }
    expect(worst).toBeLessThanOrEqual(1e-6);
  });
});
