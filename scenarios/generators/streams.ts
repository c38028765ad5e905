/** What every generator draws from: its own named streams, and declared requests from distributions. */
import type { Rng } from '../../sim/random.js';
import type { ItemSink } from '../../sim/source.js';
import type { Sampler } from '../distributions.js';

export interface SourceStreams {
  arrivals: Rng;
  sizes: Rng;
  usage: Rng;
  faults: Rng;
}

/** The source's streams: `source/<name>/arrivals` and so on, independent of every other source. */
export function sourceStreams(sink: ItemSink, name: string): SourceStreams {
  const s = sink.streams;
  return {
    arrivals: s.stream(`source/${name}/arrivals`),
    sizes: s.stream(`source/${name}/sizes`),
    usage: s.stream(`source/${name}/usage`),
    faults: s.stream(`source/${name}/faults`),
  };
}

/** Declares every dimension that has a distribution, drawn in dimension order. */
export function declareDrawn(sink: ItemSink, item: number, declared: readonly (Sampler | undefined)[], rng: Rng): void {
  for (let d = 0; d < declared.length; d++) {
    const v = declared[d]?.(rng) ?? 0;
    if (v !== 0) sink.declare(item, d, v);
  }
}
