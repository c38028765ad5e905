/**
 * Reservations: capacity on one instance held for an owner, with a tier and an expiry. Every
 * placement is bound to one: either the strategy reserved ahead (a pool, a warm instance, a staged
 * install) or the kernel makes one for the item when it is placed, released when the item ends.
 * Per reservation, a record of its `RES_INTS` whole numbers (with its start) followed by its reserved
 * vector (what an item's end reads, in one aligned 64-byte line for up to four dimensions), and
 * apart a record of `RES_REALS` reals (expiry, tag) that the kernel's own reservations never touch.
 */
import * as reservationFields from './reservation-fields.js';
import { FreeList, alignedBuffer, resized } from './typed.js';

export * from './reservation-fields.js';

// Copied in as module constants, which V8 folds into optimized code (an imported binding it reads
// through a module cell at every use: see kernel.ts).
const {
  ACTIVE, R_ACTIVE, R_ITEM, R_OWNER_ITEM, R_EXPIRY_EVENT, R_START, R_VECTOR, R_EXPIRY, R_TAG, RES_REALS, REALS_SET,
} = reservationFields;

export class ReservationTable {
  readonly D: number;
  /** Reals per record (its ints, then its vector), rounded up to whole 64-byte lines. */
  readonly stride: number;
  /** The same in ints. */
  readonly intStride: number;
  capacity = 0;
  /** Whole-number fields: field k of reservation r at [r * intStride + k]. */
  ints = new Int32Array(0);
  /**
   * The reserved amount of dimension d at [vectorAt(r) + d], the start at [startAt(r)] (the same
   * memory as `ints`).
   */
  vector = new Float64Array(0);
  /** Expiry and tag: field k of reservation r at [r * RES_REALS + k]; read and written through expiry, tag, setExpiry, setTag. */
  reals = new Float64Array(0);
  /**
   * The list of tier-2 reservations on one instance (Fleet.tier2Head): r's predecessor at [2r], its
   * successor at [2r + 1]. Dense, apart from the records: taking r off the list writes its
   * neighbours' links, not their records, which would otherwise be pulled in for one word each.
   */
  links = new Int32Array(0);
  private free = new FreeList();

  constructor(D: number, initial = 256) {
    this.D = D;
    this.stride = 8 * Math.ceil((R_VECTOR + D) / 8);
    this.intStride = 2 * this.stride;
    this.grow(initial);
  }

  /** Where reservation r's whole-number fields start in `ints`. */
  at(r: number): number {
    return r * this.intStride;
  }

  /** Where reservation r's start time is in `vector`. */
  startAt(r: number): number {
    return r * this.stride + R_START;
  }

  /** Where reservation r's reserved vector starts in `vector` (dimension d at + d). */
  vectorAt(r: number): number {
    return r * this.stride + R_VECTOR;
  }

  /**
   * A fresh reservation: active, holding no item, no owner, no expiry event, no expiry, no tag. Its
   * instance, vector, tier, start and list links are the caller's to set (the kernel's
   * `makeReservation` and `claim` write them all), so they are not cleared here.
   */
  take(): number {
    let r = this.free.pop();
    if (r < 0) {
      this.grow(this.capacity * 2);
      r = this.free.pop();
    }
    const n = this.ints;
    const b = this.at(r);
    n[b + R_ACTIVE] = ACTIVE;
    n[b + R_ITEM] = -1;
    n[b + R_OWNER_ITEM] = -1;
    n[b + R_EXPIRY_EVENT] = -1;
    return r;
  }

  /** r's expiry (Infinity: none). */
  expiry(r: number): number {
    return this.reals[r * RES_REALS + R_EXPIRY];
  }

  /** r's tag (-1: none). */
  tag(r: number): number {
    return this.reals[r * RES_REALS + R_TAG];
  }

  /** Sets r's expiry (Infinity: none). */
  setExpiry(r: number, expiry: number): void {
    this.reals[r * RES_REALS + R_EXPIRY] = expiry;
    this.ints[this.at(r) + R_ACTIVE] |= REALS_SET;
  }

  /** Sets r's tag (-1: none). */
  setTag(r: number, tag: number): void {
    this.reals[r * RES_REALS + R_TAG] = tag;
    this.ints[this.at(r) + R_ACTIVE] |= REALS_SET;
  }

  release(r: number): void {
    const at = this.at(r);
    if (this.ints[at + R_ACTIVE] & REALS_SET) this.resetReals(r);
    this.ints[at + R_ACTIVE] = 0;
    this.free.push(r);
  }

  private resetReals(r: number): void {
    this.reals[r * RES_REALS + R_EXPIRY] = Infinity;
    this.reals[r * RES_REALS + R_TAG] = -1;
  }

  private grow(n: number): void {
    const old = this.capacity;
    const ints = new Int32Array(alignedBuffer(n * this.stride * 8), 0, n * this.intStride);
    ints.set(this.ints);
    this.ints = ints;
    this.vector = new Float64Array(ints.buffer, 0, n * this.stride);
    this.reals = resized(this.reals, n * RES_REALS);
    this.links = resized(this.links, n * 2);
    for (let r = n - 1; r >= old; r--) {
      this.resetReals(r);
      this.free.push(r);
    }
    this.capacity = n;
  }
}
