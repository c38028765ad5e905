/**
 * report.html: one self-contained file — charts as inline SVG, styles and the table-sorting script
 * inline, nothing fetched from the network — readable offline and attachable to a ticket.
 */
import { COMPARED_METRICS, type MetricRow } from './comparison.js';
import { cdfSpec, keyMetricsSpec, paretoSpec, renderSvg, seriesSpec } from './charts.js';
import type { RunRecord } from './run-record.js';

export interface Provenance {
  fleetlab: string;
  node: string;
  command: string;
  seeds: number[];
  jobs: number;
  date: string;
}

export interface ReportInput {
  scenario: { name: string; description: string; path: string; params: Record<string, unknown> };
  baseline: string;
  strategies: string[];
  rows: MetricRow[];
  records: RunRecord[];
  provenance: Provenance;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Numbers for people: 3 significant digits, percentages for ratios. */
export function formatValue(metric: string, x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (Math.abs(x) < 1e-9) return '0';
  const ratio = metric === 'successRate' || metric.startsWith('utilization') || metric.startsWith('allocation') || metric.startsWith('slack') || metric.endsWith('Rate');
  if (ratio) return `${(100 * x).toFixed(1)} %`;
  if (Math.abs(x) >= 1000) return x.toFixed(0);
  return Number(x.toPrecision(3)).toString();
}

const TABLE_METRICS = ['successRate', 'wait.mean', 'wait.p95', 'timeToReady.p95', 'utilization.cpu', 'utilization.mem', 'slack.cpu', 'cost', 'failed'];

function table(input: ReportInput): string {
  const head = TABLE_METRICS.map((m) => {
    const info = COMPARED_METRICS.find((x) => x.key === m)!;
    return `<th data-type="number" title="${info.better} is better">${escape(info.label)}${info.unit ? ` (${info.unit})` : ''}</th>`;
  }).join('');
  const body = input.strategies
    .map((strategy) => {
      const cells = TABLE_METRICS.map((m) => {
        const r = input.rows.find((x) => x.strategy === strategy && x.metric === m)!;
        const half = (r.high - r.low) / 2;
        let diff = '';
        if (r.diff !== undefined) {
          const sig = r.diffLow! > 0 || r.diffHigh! < 0;
          diff = `<small class="${sig ? 'sig' : ''}">Δ ${formatValue(m, r.diff)} [${formatValue(m, r.diffLow!)}, ${formatValue(m, r.diffHigh!)}]</small>`;
        }
        return `<td data-value="${r.mean}">${formatValue(m, r.mean)} <small>± ${formatValue(m, half)}</small>${diff}</td>`;
      }).join('');
      const tag = strategy === input.baseline ? ' <small>(baseline)</small>' : '';
      return `<tr><td data-value="${escape(strategy)}">${escape(strategy)}${tag}</td>${cells}</tr>`;
    })
    .join('\n');
  return `<table id="summary-table" class="sortable"><thead><tr><th data-type="text">strategy</th>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1180px;padding:0 1rem;color:#1d232a}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #dde2e8;padding-bottom:.2rem}
.description{color:#4a5563}table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:.35rem .5rem;border-bottom:1px solid #e6e9ee;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}th{cursor:pointer;user-select:none;background:#f5f7f9;position:sticky;top:0}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td small{display:block;color:#6b7480}td small.sig{color:#0b6b3a;font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:1rem 2rem}.chart{margin:0}.chart svg{max-width:100%;height:auto}
.note{color:#6b7480;font-size:.9em}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{color:#6b7480}
`;

const SORT_SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var numeric = th.dataset.type === 'number';
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.value, y = b.cells[col].dataset.value;
        var c = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        return asc ? c : -c;
      });
      rows.forEach(function (r) { table.tBodies[0].appendChild(r); });
    });
  });
});`;

export async function renderReport(input: ReportInput): Promise<string> {
  const firstSeed = input.provenance.seeds[0];
  const s = input.strategies;
  const charts: [string, string][] = [
    ['key-metrics', await renderSvg(keyMetricsSpec(input.rows, ['successRate', 'wait.p95', 'utilization.cpu', 'cost'], s))],
    ['wait-cdf', await renderSvg(cdfSpec(input.records, 'waitQuantiles', 'Wait until placed: CDF', s))],
    ['ready-cdf', await renderSvg(cdfSpec(input.records, 'readyQuantiles', 'Time to ready: CDF', s))],
    ['utilization', await renderSvg(seriesSpec(input.records, 'utilization.cpu', firstSeed, 'cpu utilisation over time', s))],
    ['queue', await renderSvg(seriesSpec(input.records, 'waiting', firstSeed, 'Queue length over time', s))],
    ['pareto', await renderSvg(paretoSpec(input.rows, s))],
  ];
  const p = input.provenance;
  const params = Object.entries(input.scenario.params)
    .map(([k, v]) => `${escape(k)} = ${escape(String(v))}`)
    .join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fleetlab — ${escape(input.scenario.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>fleetlab comparison: ${escape(input.scenario.name)}</h1>
<p class="description">${escape(input.scenario.description)}</p>
<p class="note">${input.strategies.length} strategies × ${p.seeds.length} seeds, paired by seed (common random numbers):
every strategy met the same arrivals, demands and faults. Intervals are 95 % t intervals over seeds; Δ is the paired
difference to <b>${escape(input.baseline)}</b> with its interval, in green where the interval excludes zero.</p>
</header>
<h2>Summary <span class="note">(click a column to sort)</span></h2>
${table(input)}
<h2>Charts</h2>
<div class="charts">
${charts.map(([id, svg]) => `<figure class="chart" id="chart-${id}">${svg}</figure>`).join('\n')}
</div>
<p class="note">No strategy in this comparison publishes a demand forecast, so there is no forecast-vs-actual chart.</p>
<h2>Provenance</h2>
<dl>
<dt>fleetlab</dt><dd>${escape(p.fleetlab)} (Node ${escape(p.node)})</dd>
<dt>command</dt><dd><code>${escape(p.command)}</code></dd>
<dt>scenario</dt><dd>${escape(input.scenario.path)}${params ? ` — ${params}` : ''}</dd>
<dt>seeds</dt><dd>${p.seeds.join(', ')}</dd>
<dt>worker threads</dt><dd>${p.jobs}</dd>
<dt>date</dt><dd>${escape(p.date)}</dd>
</dl>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}
