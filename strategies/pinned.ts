/**
 * pinned — replays recorded placements: each item runs on the instance its `pin` names, even if
 * that over-commits it (the instance then shares its cpu, io and net by weight). For validation
 * against other simulators and for replaying a production schedule.
 */
import type { SimulationApi, Strategy } from '../sim/api.js';

export function create(): Strategy {
  let sim: SimulationApi;
  return {
    name: 'pinned',
    init(s) {
      sim = s;
    },
    onArrival(item) {
      const pin = sim.meta(item)?.pin;
      const instance = pin === undefined ? -1 : instanceNamed(sim, String(pin));
      if (instance < 0 || !sim.place(item, instance, undefined, { overcommit: true })) sim.reject(item);
    },
  };
}

/** An instance by name, or by index when the pin is a number. */
function instanceNamed(sim: SimulationApi, pin: string): number {
  const byName = sim.instanceByName(pin);
  if (byName >= 0) return byName;
  const index = /^\d+$/.test(pin) ? Number(pin) : -1;
  return index < sim.fleet.count ? index : -1;
}
