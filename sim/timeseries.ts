/**
 * Per-interval samples of the fleet's state (DESIGN §4 "Per interval"). State is piecewise
 * constant between events, so a sample at a boundary is taken just before the first event past
 * it. When the run is long the interval doubles and every other sample is dropped, keeping at most
 * MAX_ROWS rows whatever the horizon.
 */
import type { MetricAccumulator } from './metrics.js';

const MAX_ROWS = 2000;

export class TimeSeries {
  interval: number;
  next: number;
  readonly columns: string[];
  rows: number[][] = [];
  private readonly dims: readonly string[];

  constructor(interval: number, dims: readonly string[]) {
    this.interval = interval;
    this.next = 0;
    this.dims = dims;
    this.columns = [
      'time',
      'running',
      'waiting',
      'instances',
      ...dims.map((d) => `utilization.${d}`),
      ...dims.map((d) => `allocation.${d}`),
    ];
  }

  /** Records every boundary up to (and including) time t from the current levels. */
  sampleUntil(t: number, m: MetricAccumulator): void {
    while (this.next <= t) {
      const row = [this.next, m.running, m.waiting, m.readyInstances];
      for (let d = 0; d < this.dims.length; d++) row.push(ratio(m.usedNow[d], m.capacityNow[d]));
      for (let d = 0; d < this.dims.length; d++) row.push(ratio(m.reservedNow[d], m.capacityNow[d]));
      this.rows.push(row);
      this.next += this.interval;
      if (this.rows.length > MAX_ROWS) {
        this.rows = this.rows.filter((_, i) => i % 2 === 0);
        this.interval *= 2;
        this.next = this.rows[this.rows.length - 1][0] + this.interval;
      }
    }
  }
}

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}
