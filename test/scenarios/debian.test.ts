/**
 * The Debian importers against ../shared/traces/debian: the package index and its closures, the
 * updates and their version distances, and the install and update generators' stages.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DebianIndex, versionDistance } from '../../scenarios/debian.js';
import { readUpdates } from '../../scenarios/generators/update.js';
import { SHARED, runWith } from '../helpers.js';
import type { SimulationApi, StageObservation, Strategy } from '../../sim/api.js';

const DEB = join(SHARED, 'traces', 'debian');

describe('Debian package index', async () => {
  const index = await DebianIndex.load(join(DEB, 'packages.csv'), join(DEB, 'provides.csv'));

  it('reads all 63,440 rows; four names appear twice and keep their first version', () => {
    expect(index.rows).toBe(63440);
    expect(index.packages.size).toBe(63436);
  });

  it('has exact sizes and dependencies (nginx, curl)', () => {
    const nginx = index.packages.get('nginx')!;
    expect([nginx.version, nginx.installedKiB, nginx.downloadBytes]).toEqual(['1.22.1-9+deb12u9', 1331, 529668]);
    expect(nginx.depends).toEqual(['libc6', 'libcrypt1', 'libpcre2-8-0', 'libssl3', 'zlib1g', 'iproute2', 'nginx-common']);
    expect(index.packages.get('curl')!.depends).toEqual(['libc6', 'libcurl4', 'zlib1g']);
  });

  it('resolves virtual names through provides.csv', () => {
    expect(index.packages.has('mail-transport-agent')).toBe(false);
    expect(index.resolve('mail-transport-agent')).toBeDefined();
    expect(index.providers.get('a52dec-dev')).toBe('liba52-0.7.4-dev');
  });

  it("computes curl's dependency closure, transitively", () => {
    const closure = index.closure('curl');
    expect(closure[0]).toBe('curl');
    for (const p of ['libcurl4', 'libc6', 'zlib1g', 'libssl3', 'libgcc-s1', 'libnghttp2-14']) expect(closure).toContain(p);
    expect(new Set(closure).size).toBe(closure.length);
    // libc6 needs libgcc-s1, which needs libc6: the cycle closes.
    expect(index.closure('libc6')).toEqual(expect.arrayContaining(['libc6', 'libgcc-s1']));
  });

  it('counts reverse dependencies', () => {
    expect(index.dependents.get('libc6')!).toBeGreaterThan(10000);
    expect(index.dependents.get('nginx-common')!).toBeGreaterThanOrEqual(1);
  });
});

describe('Debian updates', () => {
  it('reads all 1,825 updates with their sizes', async () => {
    const rows = await readUpdates(join(DEB, 'updates.csv'));
    expect(rows).toHaveLength(1825);
    expect(rows[0]).toEqual({
      package: '7zip',
      from: '22.01+really26.01+dfsg-0+deb12u1',
      to: '22.01+really26.02+dfsg-0+deb12u1',
      fromKiB: 2644,
      toKiB: 2645,
      toBytes: 1021788,
    });
  });

  it('measures version distance', () => {
    expect(versionDistance('0.18.3-1+deb12u4', '0.18.3-1+deb12u5')).toBe(0);
    expect(versionDistance('1.22.1-9', '1.22.2-1')).toBe(1);
    expect(versionDistance('7.88.1-10', '7.89.0-1')).toBe(2);
    expect(versionDistance('2:1.0-1', '2:2.0-1')).toBe(3);
  });
});

describe('install and update generators', () => {
  /** Records what monitoring shows of each item's stages, and places everything on instance 0. */
  function recorder(log: Map<string, StageObservation[]>, meta: Map<string, unknown>): Strategy {
    let sim: SimulationApi;
    return {
      name: 'record',
      init: (s) => (sim = s),
      onArrival: (i) => {
        meta.set(sim.idOf(i), sim.meta(i));
        sim.place(i, 0, undefined, { overcommit: true });
      },
      onStageEnd: (i, obs) => {
        const id = sim.idOf(i);
        log.set(id, [...(log.get(id) ?? []), { ...obs, demand: obs.demand.slice() }]);
      },
    };
  }

  it("an install of nginx runs five stages sized by its closure's bytes", async () => {
    const index = await DebianIndex.load(join(DEB, 'packages.csv'), join(DEB, 'provides.csv'));
    const closure = index.closure('nginx');
    const download = closure.reduce((a, p) => a + index.packages.get(p)!.downloadBytes, 0);
    const installed = closure.reduce((a, p) => a + index.packages.get(p)!.installedKiB, 0);
    const log = new Map<string, StageObservation[]>();
    const meta = new Map<string, unknown>();
    await runWith(
      {
        fleet: [{ count: 1, cpu: 64, mem: 256, io: 10000, net: 10000 }],
        workload: {
          generators: [
            {
              kind: 'install',
              name: 'i',
              packages: { path: join(DEB, 'packages.csv'), provides: join(DEB, 'provides.csv') },
              choose: ['nginx'],
              count: 1,
              rate: 1,
              mirror: 40,
              disk: 150,
              declared: { cpu: 1, mem: 1 },
              usage: 1,
            },
          ],
        },
      },
      recorder(log, meta),
    );
    const stages = log.get('i0')!;
    expect(stages.map((s) => s.duration)).toEqual([
      download / 1e6 / 40,
      installed / 1024 / 150,
      0.5 + 0.01 * closure.length,
      1 + 0.05 * closure.length,
      installed / 1024 / 300,
    ]);
    expect(meta.get('i0')).toMatchObject({ application: 'nginx', version: '1.22.1-9+deb12u9', closure: closure.length, size: installed });
  });

  it('an update restarts its dependents and carries its version distance', async () => {
    const log = new Map<string, StageObservation[]>();
    const meta = new Map<string, unknown>();
    await runWith(
      {
        fleet: [{ count: 1, cpu: 64, mem: 256, io: 10000, net: 10000 }],
        workload: {
          generators: [
            {
              kind: 'update',
              name: 'u',
              updates: join(DEB, 'updates.csv'),
              packages: { path: join(DEB, 'packages.csv'), provides: join(DEB, 'provides.csv') },
              count: 2,
              rate: 1,
              restart: 2,
              maxRestarts: 50,
              declared: { cpu: 1 },
              usage: 1,
            },
          ],
        },
      },
      recorder(log, meta),
    );
    // 7zip: 1,021,788 bytes at 40 MB/s; 2645 KiB at 150 MB/s × (1 + 0.25 × 1) — a later
    // upstream component (26.01 → 26.02) is distance 1.
    expect(meta.get('u0:7zip')).toMatchObject({ application: '7zip', versionDistance: 1, sizeChange: 1, deferrable: true });
    const s = log.get('u0:7zip')!;
    expect(s[0].duration).toBeCloseTo(1021788 / 1e6 / 40, 12);
    expect(s[1].duration).toBeCloseTo((2645 / 1024 / 150) * 1.25, 12);
    const deps = (meta.get('u0:7zip') as { dependents: number }).dependents;
    expect(s).toHaveLength(deps > 0 ? 4 : 3);
  });
});
