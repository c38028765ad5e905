/**
 * The stage and reservation tables keep each record in one block of whole 64-byte lines (fields,
 * then the demand or reserved vector), in aligned memory that is replaced, not extended, when a
 * table grows. Pinned here: the record sizes for a few dimension counts, every record's fields and
 * vector intact across several growths (from 4 records to 512), and a fresh record's defaults
 * whatever its slot held before. The instance lists' links, kept beside the item and reservation
 * records, grow with them.
 */
import { describe, expect, it } from 'vitest';
import { DEMAND, DURATION, FAIL_DRAW, INSTANCE, ITEM_INTS, ItemTable, StageTable, UNCACHED_DURATION } from '../../sim/items.js';
import {
  R_ACTIVE, R_INSTANCE, R_ITEM, R_OWNER_ITEM, R_TIER, R_VECTOR, ReservationTable,
} from '../../sim/reservations.js';
import { alignedBuffer } from '../../sim/typed.js';

describe('record tables', () => {
  it('size records in whole lines: fields and vector, rounded up to 8 reals', () => {
    expect([1, 4, 5, 6, 13, 14].map((D) => new StageTable(D).stride)).toEqual([8, 8, 8, 16, 16, 24]);
    expect([1, 4, 5, 12, 13].map((D) => new ReservationTable(D).stride)).toEqual([8, 8, 16, 16, 24]);
    expect(new ReservationTable(5).intStride).toBe(32);
    // Aligned memory is zeroed and at least as large as asked.
    const b = alignedBuffer(100_000);
    expect(b.byteLength).toBeGreaterThanOrEqual(100_000);
    expect(new Float64Array(b).every((v) => v === 0)).toBe(true);
  });

  for (const D of [4, 5, 9]) {
    it(`keep every stage's fields, demand and successor through growth (D = ${D})`, () => {
      const stages = new StageTable(D, 4);
      const ids: number[] = [];
      for (let k = 0; k < 300; k++) {
        const s = stages.take();
        ids.push(s);
        const at = s * stages.stride;
        stages.f[at + DURATION] = 1000 + k;
        stages.f[at + FAIL_DRAW] = k / 1000;
        if (k % 7 === 0) stages.pull(s, `img${k}`, 5000 + k);
        for (let d = 0; d < D; d++) stages.f[at + DEMAND + d] = k * 100 + d + 0.5;
        if (k > 0) stages.next[ids[k - 1]] = s;
      }
      expect(stages.capacity).toBeGreaterThanOrEqual(300);
      ids.forEach((s, k) => {
        const at = s * stages.stride;
        expect(stages.f[at + DURATION]).toBe(1000 + k);
        expect(stages.f[at + FAIL_DRAW]).toBe(k / 1000);
        expect(stages.pulled(s)).toBe(k % 7 === 0 ? `img${k}` : undefined);
        if (k % 7 === 0) expect(stages.f[at + UNCACHED_DURATION]).toBe(5000 + k);
        for (let d = 0; d < D; d++) expect(stages.f[at + DEMAND + d]).toBe(k * 100 + d + 0.5);
        expect(stages.next[s]).toBe(k + 1 < ids.length ? ids[k + 1] : -1);
      });
      // A slot taken again starts clean.
      stages.release(ids[5]);
      const again = stages.take();
      expect(again).toBe(ids[5]);
      const at = again * stages.stride;
      expect([stages.f[at + DURATION], stages.f[at + FAIL_DRAW], stages.next[again]]).toEqual([0, 1, -1]);
      expect(Number.isNaN(stages.f[at + UNCACHED_DURATION])).toBe(true);
      for (let d = 0; d < D; d++) expect(stages.f[at + DEMAND + d]).toBe(0);
    });

    it(`keep every reservation's fields, vector, start, links, expiry and tag through growth (D = ${D})`, () => {
      const res = new ReservationTable(D, 4);
      const ids: number[] = [];
      for (let k = 0; k < 300; k++) {
        const r = res.take();
        ids.push(r);
        const at = r * res.intStride;
        res.ints[at + R_INSTANCE] = k;
        res.ints[at + R_ITEM] = 2 * k;
        res.ints[at + R_TIER] = 3 * k;
        res.links[r * 2] = 4 * k;
        res.links[r * 2 + 1] = 5 * k;
        res.vector[res.startAt(r)] = k / 4;
        if (k % 2 === 1) res.setExpiry(r, 10 * k);
        if (k % 3 === 0) res.setTag(r, 7 * k);
        for (let d = 0; d < D; d++) res.vector[r * res.stride + R_VECTOR + d] = k + d / 10;
      }
      ids.forEach((r, k) => {
        const at = r * res.intStride;
        expect([res.ints[at + R_ACTIVE] !== 0, res.ints[at + R_INSTANCE], res.ints[at + R_ITEM], res.ints[at + R_TIER]]).toEqual([true, k, 2 * k, 3 * k]);
        // Slots never given an expiry or a tag (fresh from growth) hold the defaults.
        expect([res.vector[res.startAt(r)], res.expiry(r), res.tag(r)]).toEqual([k / 4, k % 2 === 1 ? 10 * k : Infinity, k % 3 === 0 ? 7 * k : -1]);
        expect([res.links[r * 2], res.links[r * 2 + 1]]).toEqual([4 * k, 5 * k]);
        expect(res.ints[at + R_OWNER_ITEM]).toBe(-1);
        for (let d = 0; d < D; d++) expect(res.vector[r * res.stride + R_VECTOR + d]).toBe(k + d / 10);
      });
      // A slot that had an expiry and a tag comes back with neither.
      res.release(ids[9]);
      expect(res.ints[ids[9] * res.intStride + R_ACTIVE]).toBe(0);
      const again = res.take();
      expect(again).toBe(ids[9]);
      expect([res.ints[again * res.intStride + R_ACTIVE], res.ints[again * res.intStride + R_ITEM]]).toEqual([1, -1]);
      expect([res.expiry(again), res.tag(again)]).toEqual([Infinity, -1]);
    });
  }

  it("keep every item's instance-list links and record through growth", () => {
    const items = new ItemTable(2, 4);
    const ids: number[] = [];
    for (let k = 0; k < 300; k++) {
      const i = items.take();
      ids.push(i);
      items.ints[i * ITEM_INTS + INSTANCE] = k;
      items.links[i * 2] = 2 * k;
      items.links[i * 2 + 1] = 3 * k;
    }
    expect(items.capacity).toBe(512);
    ids.forEach((i, k) => {
      expect([items.ints[i * ITEM_INTS + INSTANCE], items.links[i * 2], items.links[i * 2 + 1]]).toEqual([k, 2 * k, 3 * k]);
    });
  });
});
