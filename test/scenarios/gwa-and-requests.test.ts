/**
 * The GWA VM-usage importer (Bitbrains, gzip, ";\t"-separated) and request-level traces (Azure
 * LLM, date-time stamps): exact counts and values of the files in ../shared/traces.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRows } from '../../scenarios/csv.js';
import { gwaFiles, gwaSamples, readGwaSeries } from '../../scenarios/gwa.js';
import { parseDatetime } from '../../scenarios/mapping.js';
import { SHARED, cli, readCsv, tempDir } from '../helpers.js';

const BB = join(SHARED, 'traces', 'bitbrains-rnd');
const AZ = join(SHARED, 'traces', 'azure-llm-2023');

describe('GWA VM usage (Bitbrains)', () => {
  it('finds the 50 VM files in numeric order and reads all 413,169 rows', async () => {
    const files = gwaFiles(join(BB, '2013-7'));
    expect(files).toHaveLength(50);
    expect(files.slice(0, 3).map((f) => f.split('/').pop())).toEqual(['1.csv.gz', '2.csv.gz', '3.csv.gz']);
    const manifest = readCsv(join(BB, 'manifest.csv'));
    let rows = 0;
    for (const file of files) {
      let n = 0;
      for await (const _ of csvRows(file, { delimiter: ';', trim: true })) n++;
      const vm = file.split('/').pop()!.replace('.csv.gz', '');
      expect(n, `VM ${vm}`).toBe(Number(manifest.find((m) => m.vm === vm)!.rows));
      rows += n;
    }
    expect(rows).toBe(413169);
  });

  it("converts VM 1's first sample to cores, GiB and MB/s", async () => {
    const first = (await gwaSamples(join(BB, '2013-7', '1.csv.gz')).next()).value!;
    // 1372629804; 2 cores; 5851.9989 MHz; 87.7799835 MHz used; 8218624 KB; 1034592.8 KB used;
    // disk 160.8667 + 21.7333 KB/s; network 0.2667 + 1.4667 KB/s.
    expect(first.time).toBe(1372629804);
    expect(first.cpuProvisioned).toBe(2);
    expect(first.cpu).toBeCloseTo(87.7799835 / (5851.9989 / 2), 12);
    expect(first.memProvisioned).toBeCloseTo(8218624 / 1048576, 12);
    expect(first.mem).toBeCloseTo(1034592.8 / 1048576, 12);
    expect(first.io).toBeCloseTo((160.86666666666667 + 21.733333333333334) / 1024, 12);
    expect(first.net).toBeCloseTo((0.26666666666666666 + 1.4666666666666666) / 1024, 12);
  });

  it('leaves out the all-zero rows (absent VMs) and repeated timestamps', async () => {
    const series = await readGwaSeries(join(BB, '2013-7'));
    const total = series.reduce((n, s) => n + s.time.length, 0);
    // 28,792 rows are zero in every field but the timestamp (the traces README counts 28,795);
    // of the 4,158 repeated timestamps all but one are such zero rows. What is left: 384,376.
    expect(total).toBe(413169 - 28792 - 1);
    for (const s of series) for (let i = 1; i < s.time.length; i++) expect(s.time[i]).toBeGreaterThan(s.time[i - 1]);
    const vm14 = series.find((s) => s.vm === '14')!;
    expect(vm14.time.length).toBeLessThanOrEqual(428);
  });

  it('bitbrains-usage runs the 50 VMs with every baseline (three days)', () => {
    const r = cli(['run', 'bitbrains-usage', '--param', 'days=3', '--strategy', 'first-fit,best-fit,least-allocated,most-allocated,balanced-allocation', '--out', tempDir(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    for (const s of JSON.parse(r.stdout)) {
      // VMs that report within the first three days (some are absent for weeks).
      expect(s.items).toBeGreaterThan(35);
      expect(s.items).toBeLessThanOrEqual(50);
      expect(s.completed + s.failed + s.rejected).toBe(s.items);
      // Provisioned vs used: most reserved cpu sits idle.
      expect(s.slack.cpu).toBeGreaterThan(0.5);
    }
  });
});

describe('request-level traces (Azure LLM 2023)', () => {
  it('parses the 7-digit fractional time stamps', () => {
    expect(parseDatetime('2023-11-16 18:17:03.9799600') - parseDatetime('2023-11-16 18:15:00')).toBeCloseTo(123.97996, 6);
    expect(Number.isNaN(parseDatetime('16/11/2023'))).toBe(true);
  });

  it('llm-bursts replays all 8,819 code and 19,366 chat requests at their recorded times', () => {
    const out = tempDir();
    const r = cli(['run', 'llm-bursts', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [s] = JSON.parse(r.stdout);
    expect(s.items).toBe(8819 + 19366);
    const items = readCsv(join(out, 'items.csv'));
    const code0 = items.find((x) => x.id === 'code0')!;
    const conv0 = items.find((x) => x.id === 'conv0')!;
    expect(Number(code0.arrival)).toBeCloseTo(123.97996, 5);
    expect(Number(conv0.arrival)).toBeCloseTo(46.68059, 5);
    // code0: 4808 prompt tokens and 10 output tokens → 0.4808 + 0.3333 s at full speed.
    expect(Number(code0.end) - Number(code0.start)).toBeGreaterThanOrEqual(0.4808 + 10 / 30 - 1e-6);
    const text = readFileSync(join(AZ, 'AzureLLMInferenceTrace_code.csv'), 'utf8');
    expect(text.endsWith('\n')).toBe(false);
  });
});
