/** `fleetlab trace inspect <file>`: a recorded trace at a glance. */
import { inspectTrace } from '../scenarios/trace-inspect.js';
import { printTable } from './table.js';

/** Integers (timestamps, sizes) in full; other numbers to 6 significant digits. */
const num = (x: number) => {
  if (!Number.isFinite(x)) return '–';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  if (Math.abs(x) >= 1e9 || (x !== 0 && Math.abs(x) < 1e-3)) return x.toExponential(3);
  return String(Number(x.toPrecision(6)));
};

export async function traceInspect(file: string, o: { delimiter?: string; json?: boolean }): Promise<void> {
  const r = await inspectTrace(file, o.delimiter);
  if (o.json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return;
  }
  console.log(`${r.path}: ${r.rows} ${r.swf ? 'jobs (Standard Workload Format)' : 'rows'}, ${r.columns.length} ${r.swf ? 'fields' : 'columns'}`);
  if (r.swf) {
    for (const [k, v] of Object.entries(r.swf.header)) console.log(`  ${k}: ${v}`);
    console.log(
      r.swf.processorsPerNode > 1
        ? `size field counts processors: ${r.swf.processorsPerNode} per node (MaxProcs / MaxNodes)`
        : 'size field counts nodes',
    );
  }
  if (r.time) {
    const days = r.time.span / 86400;
    console.log(`time (${r.time.column}): ${num(r.time.first)} → ${num(r.time.last)}, span ${num(r.time.span)} s (${days.toFixed(2)} days)`);
  }
  console.log('');
  printTable(
    [r.swf ? 'field' : 'column', 'numeric', r.swf ? 'missing (-1)' : 'empty', 'text', 'min', r.sampled ? 'median (sample)' : 'median', 'max'],
    r.columns.map((c) => [c.name, String(c.numeric), String(c.empty), String(c.text), num(c.min), num(c.median), num(c.max)]),
  );
}
