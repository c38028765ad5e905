/** A comparison as a Markdown table (for docs/strategies.md): mean ± half-interval, Δ [interval]. */
import { COMPARED_METRICS, type MetricRow } from './comparison.js';
import { formatValue } from './html.js';

export const MARKDOWN_METRICS = ['successRate', 'wait.p95', 'timeToReady.p95', 'utilization.cpu', 'allocation.cpu', 'slack.cpu', 'failed', 'cost'];

export function markdownTable(title: string, command: string, rows: readonly MetricRow[], strategies: readonly string[], baseline: string, seeds: number): string {
  const label = (m: string) => {
    const info = COMPARED_METRICS.find((x) => x.key === m)!;
    return `${info.label}${info.unit ? ` (${info.unit})` : ''} ${info.better === 'higher' ? '↑' : '↓'}`;
  };
  const lines = [
    `### ${title}`,
    '',
    `\`${command}\` — ${seeds} seeds, paired by seed; mean ± half the 95 % interval, and Δ to **${baseline}** with its 95 % interval (bold where it excludes zero).`,
    '',
    `| strategy | ${MARKDOWN_METRICS.map(label).join(' | ')} |`,
    `| --- | ${MARKDOWN_METRICS.map(() => '---').join(' | ')} |`,
  ];
  for (const s of strategies) {
    const cells = MARKDOWN_METRICS.map((m) => {
      const r = rows.find((x) => x.strategy === s && x.metric === m)!;
      const main = `${formatValue(m, r.mean)} ± ${formatValue(m, (r.high - r.low) / 2)}`;
      if (r.diff === undefined) return main;
      const d = `Δ ${formatValue(m, r.diff)} [${formatValue(m, r.diffLow!)}, ${formatValue(m, r.diffHigh!)}]`;
      return `${main}<br>${r.diffLow! > 0 || r.diffHigh! < 0 ? `**${d}**` : d}`;
    });
    lines.push(`| ${s}${s === baseline ? ' (baseline)' : ''} | ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
