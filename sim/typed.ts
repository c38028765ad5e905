/** Growable typed-array helpers: records live in parallel typed arrays that double when full. */
type Typed = Float64Array | Int32Array | Uint8Array | Uint16Array | Int8Array;

/** A copy of `a` with room for `length` elements (new elements filled with `fill`). */
export function resized<T extends Typed>(a: T, length: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a as never);
  if (fill !== 0) b.fill(fill as never, a.length);
  return b;
}

/** A stack of free slot ids, for recycling records without allocating. */
export class FreeList {
  private ids = new Int32Array(64);
  private top = 0;

  get size(): number {
    return this.top;
  }

  push(id: number): void {
    if (this.top === this.ids.length) this.ids = resized(this.ids, this.ids.length * 2);
    this.ids[this.top++] = id;
  }

  /** The most recently freed id, or -1 when none is free. */
  pop(): number {
    return this.top > 0 ? this.ids[--this.top] : -1;
  }
}
