/**
 * auction — seed 000's resource auctioning: instances bid for each task from their headroom and
 * history, and the lowest bid wins at the second-lowest price (a sealed-bid reverse Vickrey
 * auction: bidding one's true cost is the best strategy for an instance).
 *
 * An instance's bid (its cost of taking the task) = 1 − the cpu and mem share left after it
 * (averaged) + 0.2 per task that failed there before. Only instances where the task fits bid. With
 * a single bidder the price is its own bid. Prices are reported in the summary's strategy stats.
 */
import { CPU, MEM } from '../sim/resources.js';
import type { SimulationApi, Strategy } from '../sim/api.js';
import { feasible } from './placer.js';
import { retryHeadOfLine } from './reactive.js';

export interface AuctionResult {
  winner: number;
  price: number;
}

/** The reverse second-price rule: the lowest bid wins, paid the second-lowest (ties: lowest index). */
export function reverseVickrey(bids: readonly { bidder: number; bid: number }[]): AuctionResult {
  let winner = -1;
  let low = Infinity;
  let second = Infinity;
  for (const { bidder, bid } of bids) {
    if (bid < low || (bid === low && bidder < winner)) {
      second = low;
      low = bid;
      winner = bidder;
    } else if (bid < second) second = bid;
  }
  return { winner, price: second === Infinity ? low : second };
}

export class Auction implements Strategy {
  readonly name = 'auction';
  private sim!: SimulationApi;
  private request = new Float64Array(4);
  private failures = new Map<number, number>();
  private readonly bids: { bidder: number; bid: number }[] = [];
  private auctions = 0;
  private paid = 0;

  init(sim: SimulationApi): void {
    this.sim = sim;
    this.request = new Float64Array(sim.dims.count);
  }

  /** Instance i's bid for the request: what placing it there costs, as the instance sees it. */
  bid(i: number, request: Float64Array): number {
    const f = this.sim.fleet;
    let left = 0;
    for (const d of [CPU, MEM]) {
      const cap = f.capacity[i * f.D + d];
      left += cap > 0 ? (f.free[i * f.D + d] - request[d]) / cap : 1;
    }
    return 1 - left / 2 + 0.2 * (this.failures.get(i) ?? 0);
  }

  private tryPlace(item: number): boolean {
    const sim = this.sim;
    const r = this.request;
    for (let d = 0; d < r.length; d++) r[d] = sim.declared(item, d);
    this.bids.length = 0;
    for (let i = 0; i < sim.fleet.count; i++) if (feasible(sim, i, item, r)) this.bids.push({ bidder: i, bid: this.bid(i, r) });
    if (this.bids.length === 0) return false;
    const { winner, price } = reverseVickrey(this.bids);
    this.auctions++;
    this.paid += price;
    return sim.place(item, winner, r);
  }

  onArrival(item: number): void {
    this.tryPlace(item);
  }

  onItemEnd(): void {
    retryHeadOfLine(this.sim, (i) => this.tryPlace(i));
  }

  onInstanceReady(): void {
    retryHeadOfLine(this.sim, (i) => this.tryPlace(i));
  }

  onFailure(item: number): void {
    const at = this.sim.instanceOf(item);
    if (at >= 0) this.failures.set(at, (this.failures.get(at) ?? 0) + 1);
  }

  stats(): Record<string, number> {
    return { auctions: this.auctions, meanPrice: this.auctions ? this.paid / this.auctions : 0 };
  }
}

export const create = () => new Auction();
