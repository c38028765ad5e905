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
