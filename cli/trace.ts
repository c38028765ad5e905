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
  console.log(`${r.path}: ${r.rows} rows, ${r.columns.length} columns`);
  if (r.time) {
    const days = r.time.span / 86400;
    console.log(`time (${r.time.column}): ${num(r.time.first)} → ${num(r.time.last)}, span ${num(r.time.span)} s (${days.toFixed(2)} days)`);
  }
  console.log('');
  printTable(
    ['column', 'numeric', 'empty', 'text', 'min', r.sampled ? 'median (sample)' : 'median', 'max'],
    r.columns.map((c) => [c.name, String(c.numeric), String(c.empty), String(c.text), num(c.min), num(c.median), num(c.max)]),
  );
}
