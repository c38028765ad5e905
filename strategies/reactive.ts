/**
 * The reactive policy shared by the baselines (DESIGN §3): allocate the declared request on
 * arrival with the given placer; an item that fits nowhere waits, and the waiting items are
 * retried in arrival order whenever capacity is freed, stopping at the first that still does not
 * fit (head-of-line, as fleet-ff specifies). An instance that becomes ready (booted, repaired)
 * also triggers a retry. An item larger than every instance it could ever run
 * on is rejected at once rather than blocking the line forever.
 */
import type { SimulationApi, Strategy } from '../sim/api.js';
import { couldEverFit, type Placer } from './placer.js';

export class ReactiveStrategy implements Strategy {
  readonly name: string;
  private readonly placer: Placer;
  protected sim!: SimulationApi;
  private request = new Float64Array(4);

  constructor(name: string, placer: Placer) {
    this.name = name;
    this.placer = placer;
  }

  init(sim: SimulationApi): void {
    this.sim = sim;
    this.request = new Float64Array(sim.dims.count);
  }

  onArrival(item: number): void {
    if (this.tryPlace(item)) return;
    if (!couldEverFit(this.sim, item, this.sim.declaredVector(item))) this.sim.reject(item);
  }

  /** Capacity came back (an item ended, an instance became ready): retry the line. */
  onItemEnd(): void {
    this.retryWaiting();
  }

  onInstanceReady(): void {
    this.retryWaiting();
  }

  private retryWaiting(): void {
    retryHeadOfLine(this.sim, this.tryPlaceItem);
  }

  /** Bound once: retrying runs at every item end, and must not allocate a closure each time. */
  private readonly tryPlaceItem = (item: number): boolean => this.tryPlace(item);

  private tryPlace(item: number): boolean {
    const sim = this.sim;
    const request = this.request;
    for (let d = 0; d < request.length; d++) request[d] = sim.declared(item, d);
    const i = this.placer.choose(sim, item, request);
    return i >= 0 && sim.place(item, i, request);
  }

}

/**
 * Offers the waiting items again in arrival order, stopping at the first that `tryPlace` cannot
 * place (head-of-line): the queue discipline of the reactive policies.
 */
export function retryHeadOfLine(sim: SimulationApi, tryPlace: (item: number) => boolean): void {
  for (let item = sim.firstWaiting(); item >= 0; ) {
    const next = sim.nextWaiting(item);
    if (!tryPlace(item)) break;
    item = next;
  }
}

export function reactive(name: string, placer: Placer): Strategy {
  return new ReactiveStrategy(name, placer);
}
