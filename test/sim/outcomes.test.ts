/**
 * The outcome log writes an item's record at the end of a stream when it ends, and builds the
 * index from ordinal to record on its first read. Pinned here: records come back by ordinal
 * whatever the order items ended in (across pages, whose memory is not zeroed), every field
 * exact; items still in the system and items that never arrived read as such; an item that ends
 * twice makes the first read throw; a write after a read is seen by the next read.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { NOT_ARRIVED, OutcomeLog } from '../../sim/outcomes.js';

function endItem(log: OutcomeLog, o: number, at: number, instance: number): void {
  log.times.set([at, at + 1, at + 2, at + 3, at + 10]);
  log.end(o, o % 3, o % 5, 1000 + o, instance, o % 2, o % 7);
}

describe('outcome log', () => {
  it('reads every record back by ordinal, whatever the order of ends, across pages', () => {
    const log = new OutcomeLog();
    const n = 5000;
    for (let o = 0; o < n; o++) expect(log.add()).toBe(o);
    // Every ordinal but the last ten ends, in a shuffled order; the last one never arrives.
    const order = Array.from({ length: n - 10 }, (_, o) => o);
    const rng = seedrandom.alea('outcomes');
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const o of order) endItem(log, o, o * 0.5, o % 97);
    log.markNotArrived(n - 1);
    for (let o = 0; o < n - 10; o++) {
      expect(log.ended(o)).toBe(1);
      expect([log.arrival(o), log.placed(o), log.started(o), log.ready(o), log.endTime(o)]).toEqual([
        o * 0.5,
        o * 0.5 + 1,
        o * 0.5 + 2,
        o * 0.5 + 3,
        o * 0.5 + 10,
      ]);
      expect([log.kind(o), log.source(o), log.local(o), log.instance(o), log.outcome(o), log.cause(o)]).toEqual([
        o % 3,
        o % 5,
        1000 + o,
        o % 97,
        o % 2,
        o % 7,
      ]);
    }
    for (let o = n - 10; o < n - 1; o++) {
      expect(log.ended(o)).toBe(0);
      expect(log.endTime(o)).toBeNaN();
    }
    expect(log.ended(n - 1)).toBe(NOT_ARRIVED);
  });

  it('an instance of -1 (never placed), large ordinals and instances, and the largest codes keep their values', () => {
    const log = new OutcomeLog();
    log.count = 3_000_000;
    log.times.set([1, 2, 3, 4, 5]);
    log.end(2_999_999, 4, 200, 7, -1, 3, 6);
    log.end(2_500_000, 255, 255, 8, 70_000, 255, 255);
    log.end(0, 0, 0, 9, 0, 0, 0);
    const codes = (o: number) => [log.instance(o), log.kind(o), log.source(o), log.outcome(o), log.cause(o), log.local(o)];
    expect(codes(2_999_999)).toEqual([-1, 4, 200, 3, 6, 7]);
    expect(codes(2_500_000)).toEqual([70_000, 255, 255, 255, 255, 8]);
    expect(codes(0)).toEqual([0, 0, 0, 0, 0, 9]);
  });

  it('an item that ended twice makes the first read throw', () => {
    const log = new OutcomeLog();
    for (let o = 0; o < 3; o++) log.add();
    endItem(log, 1, 0, 0);
    endItem(log, 2, 0, 0);
    endItem(log, 1, 5, 0);
    expect(() => log.ended(0)).toThrow('item ordinal 1 ended twice');
  });

  it('sees a record written after an earlier read', () => {
    const log = new OutcomeLog();
    log.add();
    log.add();
    endItem(log, 0, 1, 0);
    expect(log.ended(1)).toBe(0);
    endItem(log, 1, 2, 0);
    expect(log.ended(1)).toBe(1);
    expect(log.arrival(1)).toBe(2);
  });
});
