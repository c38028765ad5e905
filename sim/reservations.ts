/**
 * Reservations: capacity on one instance held for an owner, with a tier and an expiry. Every
 * placement is bound to one: either the strategy reserved ahead (a pool, a warm instance, a staged
 * install) or the kernel makes one for the item when it is placed, released when the item ends.
 */
import { FreeList, resized } from './typed.js';

export class ReservationTable {
  readonly D: number;
  capacity = 0;
  active = new Uint8Array(0);
  instance = new Int32Array(0);
  tier = new Uint8Array(0);
  start = new Float64Array(0);
  expiry = new Float64Array(0);
  expiryEvent = new Int32Array(0);
  vector = new Float64Array(0);
  /** True usage of the item bound to it, per dimension. */
  used = new Float64Array(0);
  /** The item bound to it, or -1. */
  item = new Int32Array(0);
  /** Item slot that owns it (released with the item), or -1 for strategy-owned reservations. */
  ownerItem = new Int32Array(0);
  /** Strategy-chosen tag (a pool id, an application id...), or -1. */
  tag = new Int32Array(0);
  prev = new Int32Array(0);
  next = new Int32Array(0);
  private free = new FreeList();

  constructor(D: number, initial = 256) {
    this.D = D;
    this.grow(initial);
  }

  take(): number {
    let r = this.free.pop();
    if (r < 0) {
      this.grow(this.capacity * 2);
      r = this.free.pop();
    }
    this.vector.fill(0, r * this.D, (r + 1) * this.D);
    this.used.fill(0, r * this.D, (r + 1) * this.D);
    this.item[r] = -1;
    this.ownerItem[r] = -1;
    this.tag[r] = -1;
    this.expiryEvent[r] = -1;
    this.prev[r] = -1;
    this.next[r] = -1;
    this.active[r] = 1;
    return r;
  }

  release(r: number): void {
    this.active[r] = 0;
    this.free.push(r);
  }

  private grow(n: number): void {
    const old = this.capacity;
    const D = this.D;
    this.active = resized(this.active, n);
    this.instance = resized(this.instance, n);
    this.tier = resized(this.tier, n);
    this.start = resized(this.start, n);
    this.expiry = resized(this.expiry, n);
    this.expiryEvent = resized(this.expiryEvent, n);
    this.vector = resized(this.vector, n * D);
    this.used = resized(this.used, n * D);
    this.item = resized(this.item, n);
    this.ownerItem = resized(this.ownerItem, n);
    this.tag = resized(this.tag, n);
    this.prev = resized(this.prev, n);
    this.next = resized(this.next, n);
    for (let r = n - 1; r >= old; r--) this.free.push(r);
    this.capacity = n;
  }
}
