/**
 * Reservations: capacity on one instance held for an owner, with a tier and an expiry. Every
 * placement is bound to one: either the strategy reserved ahead (a pool, a warm instance, a staged
 * install) or the kernel makes one for the item when it is placed, released when the item ends.
 * One record of `RES_STRIDE` numbers per reservation, the reserved vector D-strided beside it.
 */
import { FreeList, resized } from './typed.js';

export const R_ACTIVE = 0;
export const R_INSTANCE = 1;
export const R_ITEM = 2;
export const R_OWNER_ITEM = 3;
export const R_PREV = 4;
export const R_NEXT = 5;
export const R_EXPIRY_EVENT = 6;
export const R_TIER = 7;
export const R_START = 8;
export const R_EXPIRY = 9;
/** Strategy-chosen tag (a pool id, an application id...), or -1. */
export const R_TAG = 10;
export const RES_STRIDE = 16;

export class ReservationTable {
  readonly D: number;
  capacity = 0;
  /** The records: field k of reservation r at [r * RES_STRIDE + k]. */
  f = new Float64Array(0);
  /** The reserved amount per dimension, D-strided. */
  vector = new Float64Array(0);
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
    for (let d = r * this.D; d < (r + 1) * this.D; d++) this.vector[d] = 0;
    const f = this.f;
    const b = r * RES_STRIDE;
    f[b + R_ACTIVE] = 1;
    f[b + R_ITEM] = -1;
    f[b + R_OWNER_ITEM] = -1;
    f[b + R_TAG] = -1;
    f[b + R_EXPIRY_EVENT] = -1;
    f[b + R_PREV] = -1;
    f[b + R_NEXT] = -1;
    return r;
  }

  release(r: number): void {
    this.f[r * RES_STRIDE + R_ACTIVE] = 0;
    this.free.push(r);
  }

  private grow(n: number): void {
    const old = this.capacity;
    this.f = resized(this.f, n * RES_STRIDE);
    this.vector = resized(this.vector, n * this.D);
    for (let r = n - 1; r >= old; r--) this.free.push(r);
    this.capacity = n;
  }
}
