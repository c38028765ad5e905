/**
 * Seeded random streams, one per source of randomness (DESIGN §2 "Determinism"). Two strategies run
 * with the same seed draw the same arrivals, sizes, true usage and faults, because no stream is
 * shared with anything a strategy influences (common random numbers).
 */
import seedrandom from 'seedrandom';

export type Rng = () => number;

export class RandomStreams {
  readonly arrivals: Rng;
  readonly sizes: Rng;
  readonly usage: Rng;
  readonly faults: Rng;
  readonly strategy: Rng;
  private readonly seed: string;

  constructor(seed: number | string) {
    this.seed = String(seed);
    this.arrivals = this.stream('arrivals');
    this.sizes = this.stream('sizes');
    this.usage = this.stream('usage');
    this.faults = this.stream('faults');
    this.strategy = this.stream('strategy');
  }

  /** A stream of its own for a named purpose (a workload source, an instance's crashes). */
  stream(name: string): Rng {
    return seedrandom.alea(`${this.seed}/${name}`) as unknown as Rng;
  }
}

/** An exponential draw with the given mean. */
export function exponential(rng: Rng, mean: number): number {
  return -Math.log(1 - rng()) * mean;
}
