/**
 * report.html in a real browser (Debian's chromium driven by playwright-core): every chart rendered
 * as SVG with marks, the summary table sorts on click, and the console shows no errors. CI installs
 * chromium (.ci/run); elsewhere, without chromium, the suite is skipped with a message.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers.js';

const CHROMIUM = process.env.FLEETLAB_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium`);
if (!available) console.warn(`browser test skipped: no ${CHROMIUM} (apt-get install chromium)`);

describe.runIf(available)('report.html in chromium', () => {
  let browser: Browser;
  const out = tempDir();
  const errors: string[] = [];
  let page: import('playwright-core').Page;

  beforeAll(async () => {
    const r = cli(['compare', 'scenarios/default.yaml', '--seeds', '2', '--param', 'jobs=600', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (req) => {
      if (!req.url().startsWith('file:')) errors.push(`network request: ${req.url()}`);
    });
    await page.goto(pathToFileURL(join(out, 'report.html')).href);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders every chart as SVG with marks', async () => {
    const charts = await page.$$eval('figure.chart', (figs) =>
      figs.map((f) => ({
        id: f.id,
        marks: f.querySelectorAll('svg path, svg line, svg circle, svg rect.mark-rect, svg text').length,
        width: f.querySelector('svg')?.getBoundingClientRect().width ?? 0,
      })),
    );
    expect(charts.map((c) => c.id)).toEqual([
      'chart-key-metrics',
      'chart-wait-cdf',
      'chart-ready-cdf',
      'chart-utilization',
      'chart-queue',
      'chart-pareto',
    ]);
    for (const c of charts) {
      expect(c.marks, c.id).toBeGreaterThan(10);
      expect(c.width, c.id).toBeGreaterThan(100);
    }
  });

  it('sorts the table when a header is clicked, and reverses on a second click', async () => {
    const names = () => page.$$eval('#summary-table tbody tr', (rows) => rows.map((r) => r.cells[0].dataset.value));
    const values = (col: number) =>
      page.$$eval('#summary-table tbody tr', (rows, c) => rows.map((r) => Number(r.cells[c].dataset.value)), col);
    expect(await names()).toEqual(['first-fit', 'best-fit', 'least-allocated', 'most-allocated', 'balanced-allocation']);
    const waitHeader = page.locator('#summary-table th', { hasText: 'wait, mean' });
    const col = await waitHeader.evaluate((th) => (th as HTMLTableCellElement).cellIndex);
    await waitHeader.click();
    const up = await values(col);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    await waitHeader.click();
    const down = await values(col);
    expect(down).toEqual([...up].reverse());
    await page.locator('#summary-table th', { hasText: 'strategy' }).click();
    expect(await names()).toEqual(['balanced-allocation', 'best-fit', 'first-fit', 'least-allocated', 'most-allocated']);
  });

  it('shows no console errors and makes no network request', () => {
    expect(errors).toEqual([]);
  });

  it('screenshots cleanly (for people reviewing the report)', async () => {
    const shot = await page.screenshot({ fullPage: true });
    expect(shot.length).toBeGreaterThan(10_000);
  });
});
