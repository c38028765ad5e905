/**
 * The hot loop allocates nothing per event (DESIGN: typed arrays, integer ids, pooled records).
 * Measured, not assumed: V8's sampling heap profiler over the compiled second half of a fleet-ff
 * run, with the CLI's V8 settings. What is left (a promise per batch of arrivals, time-series rows)
 * is a few bytes an event; one double boxed on the hot path is 16 bytes an event or more, and the
 * kernel boxed two an event until the empty-queue `Infinity`s became module constants.
 */
import '../../cli/v8-inlining.js';
import { describe, expect, it } from 'vitest';
import { fleetFfAllocation } from '../../bench/fleet-ff-allocation.js';

describe('allocation on the hot path', () => {
  it('fleet-ff at 1,000 hosts allocates under 6 bytes an event once compiled', async () => {
    const sample = await fleetFfAllocation(1000, 200_000);
    expect(sample.events).toBeGreaterThan(150_000);
    expect(sample.bytesPerEvent, JSON.stringify(sample.top, null, 1)).toBeLessThan(6);
  }, 60_000);
});
