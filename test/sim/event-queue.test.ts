/** The event queue: (time, seq) order with FIFO ties, moves and cancellations, against a sort. */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../sim/event-queue.js';

describe('EventQueue', () => {
  it('pops by time, and ties in insertion order', () => {
    const q = new EventQueue(2);
    const ids = [5, 1, 3, 1, 1].map((t, k) => q.schedule(t, 0, k));
    const order: number[] = [];
    while (q.length) order.push(q.targetOf(q.pop()));
    expect(order).toEqual([1, 3, 4, 2, 0]);
    expect(ids).toHaveLength(5);
  });

  it('keeps each event\'s kind and target, up to the largest target it can hold, and refuses more', () => {
    const q = new EventQueue(2);
    const big = 2 ** 27 - 1;
    const a = q.schedule(2, 15, big);
    const b = q.schedule(1, 3, 0);
    expect([q.kindOf(a), q.targetOf(a), q.kindOf(b), q.targetOf(b)]).toEqual([15, big, 3, 0]);
    const first = q.pop();
    expect([q.kindOf(first), q.targetOf(first)]).toEqual([3, 0]);
    expect(() => q.schedule(3, 16, 0)).toThrow(/out of range/);
    expect(() => q.schedule(3, 1, 2 ** 27)).toThrow(/out of range/);
    expect(q.length).toBe(1);
  });

  it('a moved event is ordered as if inserted when moved', () => {
    const q = new EventQueue();
    const a = q.schedule(10, 0, 0);
    q.schedule(5, 0, 1);
    q.reschedule(a, 5);
    expect([q.targetOf(q.pop()), q.targetOf(q.pop())]).toEqual([1, 0]);
  });

  it('matches a sorted list through growth, draining and refilling, bursts of equal times and far-off events (20 seeds)', () => {
    // As a simulation uses it: a clock that follows the pops, events mostly an exponential time
    // ahead, some at the same instant, some far off (a week, 1e300 s), a few in the past; the
    // queue grows to thousands of events, drains to none and fills again, so the calendar resizes
    // and re-estimates its width many times.
    const mismatches: string[] = [];
    for (let seed = 0; seed < 20; seed++) {
      const r = seedrandom.alea(`calendar/${seed}`);
      const q = new EventQueue(4);
      // Reference: (time, seq, slot id) kept sorted.
      const ref: [number, number, number][] = [];
      const before = (x: [number, number, number], y: [number, number, number]) => x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
      const add = (e: [number, number, number]) => {
        let lo = 0;
        let hi = ref.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (before(ref[mid], e)) lo = mid + 1;
          else hi = mid;
        }
        ref.splice(lo, 0, e);
      };
      const drop = (e: [number, number, number]) => ref.splice(ref.indexOf(e), 1);
      let now = 0;
      let seq = 0;
      const when = (): number => {
        const x = r();
        if (x < 0.6) return now - Math.log(1 - r()) * 600;
        if (x < 0.75) return now;
        if (x < 0.85) return now + 10;
        if (x < 0.9) return now + 7 * 86400 + r();
        if (x < 0.93) return 1e300;
        if (x < 0.96) return Math.max(0, now - r() * 50);
        return now + r() * 0.001;
      };
      for (let phase = 0; phase < 4; phase++) {
        const peak = phase % 2 === 0 ? 3000 : 200;
        // Fill to the peak with some moves and cancels, then drain to empty with some inserts.
        for (let filling = true; filling || ref.length > 0; ) {
          if (filling && ref.length >= peak) filling = false;
          const x = r();
          if (filling ? x < 0.6 : x < 0.1) {
            const t = when();
            add([t, seq++, q.schedule(t, 1, seq % 1000)]);
          } else if (x < 0.7 && ref.length > 0) {
            const e = ref[Math.floor(r() * ref.length)];
            drop(e);
            const t = when();
            q.reschedule(e[2], t);
            e[0] = t;
            e[1] = seq++;
            add(e);
          } else if (x < 0.75 && ref.length > 0) {
            const e = ref[Math.floor(r() * ref.length)];
            drop(e);
            q.cancel(e[2]);
          } else if (ref.length > 0) {
            const expected = ref.shift()!;
            const peeked = q.peekTime();
            const id = q.pop();
            if (id !== expected[2] || peeked !== expected[0]) {
              mismatches.push(`seed ${seed}: popped ${id} at ${peeked}, expected ${expected[2]} at ${expected[0]}`);
            }
            if (expected[0] < 1e299) now = Math.max(now, expected[0]);
          }
          if (q.length !== ref.length) mismatches.push(`seed ${seed}: length ${q.length}, expected ${ref.length}`);
        }
        if (q.peekTime() !== Infinity) mismatches.push(`seed ${seed}: not empty after draining`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('matches a sorted list under random schedule, move and cancel (500 seeds)', () => {
    for (let seed = 0; seed < 500; seed++) {
      const r = seedrandom.alea(String(seed));
      const q = new EventQueue(4);
      const live = new Map<number, [number, number, number]>(); // id → [time, seq, target]
      let seq = 0;
      let out: number[] = [];
      const expected: number[] = [];
      for (let step = 0; step < 200; step++) {
        const x = r();
        if (x < 0.5 || live.size === 0) {
          const t = Math.floor(r() * 50);
          const id = q.schedule(t, 1, step);
          live.set(id, [t, seq++, step]);
        } else if (x < 0.7) {
          const ids = [...live.keys()];
          const id = ids[Math.floor(r() * ids.length)];
          const t = Math.floor(r() * 50);
          q.reschedule(id, t);
          live.set(id, [t, seq++, live.get(id)![2]]);
        } else if (x < 0.8) {
          const ids = [...live.keys()];
          const id = ids[Math.floor(r() * ids.length)];
          q.cancel(id);
          live.delete(id);
        } else {
          const best = [...live.entries()].sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1])[0];
          expected.push(best[1][2]);
          live.delete(best[0]);
          out.push(q.targetOf(q.pop()));
        }
        expect(q.length).toBe(live.size);
      }
      expect(out).toEqual(expected);
      out = [];
    }
  });
});
