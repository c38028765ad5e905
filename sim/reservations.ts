/**
 * Reservations: capacity on one instance held for an owner, with a tier and an expiry. Every
 * placement is bound to one: either the strategy reserved ahead (a pool, a warm instance, a staged
 * install) or the kernel makes one for the item when it is placed, released when the item ends.
 * Per reservation, a record of `RES_INTS` whole numbers, one of `RES_REALS` reals, and the reserved
 * vector D-strided beside them.
 */
import * as reservationFields from './reservation-fields.js';
import { FreeList, resized } from './typed.js';

export * from './reservation-fields.js';

// Copied in as module constants, which V8 folds into optimized code (an imported binding it reads
// through a module cell at every use: see kernel.ts).
const { R_ACTIVE, R_ITEM, R_OWNER_ITEM, R_EXPIRY_EVENT, RES_INTS, R_TAG, RES_REALS } = reservationFields;

export class ReservationTable {
  readonly D: number;
  capacity = 0;
  /** Whole-number fields: field k of reservation r at [r * RES_INTS + k]. */
  ints = new Int32Array(0);
  /** Real fields: field k of reservation r at [r * RES_REALS + k]. */
  reals = new Float64Array(0);
  /** The reserved amount per dimension, D-strided. */
  vector = new Float64Array(0);
  private free = new FreeList();

  constructor(D: number, initial = 256) {
    this.D = D;
    this.grow(initial);
  }

  /**
   * A fresh reservation: active, holding no item, no owner, no expiry event, no tag. Its instance,
   * vector, tier, times and list links are the caller's to set (the kernel's `makeReservation` and
   * `claim` write them all), so they are not cleared here.
   */
  take(): number {
    let r = this.free.pop();
    if (r < 0) {
      this.grow(this.capacity * 2);
      r = this.free.pop();
    }
    const n = this.ints;
    const b = r * RES_INTS;
    n[b + R_ACTIVE] = 1;
    n[b + R_ITEM] = -1;
    n[b + R_OWNER_ITEM] = -1;
    n[b + R_EXPIRY_EVENT] = -1;
    this.reals[r * RES_REALS + R_TAG] = -1;
    return r;
  }

  release(r: number): void {
    this.ints[r * RES_INTS + R_ACTIVE] = 0;
    this.free.push(r);
  }

  private grow(n: number): void {
    const old = this.capacity;
    this.ints = resized(this.ints, n * RES_INTS);
    this.reals = resized(this.reals, n * RES_REALS);
    this.vector = resized(this.vector, n * this.D);
    for (let r = n - 1; r >= old; r--) this.free.push(r);
    this.capacity = n;
  }
}
