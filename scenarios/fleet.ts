/** Turns the scenario's `fleet` groups into the kernel's instance groups. */
import type { InstanceGroup } from '../sim/fleet.js';
import type { Dimensions } from '../sim/resources.js';
import type { FleetGroupSpec } from './schema.js';

/** Capacities a group gets for io and net when the scenario does not say (a local SSD, 10 GbE). */
export const DEFAULT_IO = 500;
export const DEFAULT_NET = 1250;

export function instanceGroups(specs: readonly FleetGroupSpec[], dims: Dimensions): InstanceGroup[] {
  return specs.map((g, i) => {
    const capacity = new Float64Array(dims.count);
    const values = g as unknown as Record<string, unknown>;
    for (let d = 0; d < dims.count; d++) {
      const name = dims.names[d];
      const v = values[name];
      capacity[d] = typeof v === 'number' ? v : name === 'io' ? DEFAULT_IO : name === 'net' ? DEFAULT_NET : 0;
    }
    return {
      name: g.name ?? `g${i}`,
      capacity,
      labels: { ...(g.labels ?? {}), ...(g.zone ? { zone: g.zone } : {}) },
      zone: g.zone ?? '',
      price: g.price ?? 0,
      provisionTime: g.provisionTime ?? 0,
      bootCached: g.boot?.cached ?? 0,
      bootUncached: g.boot?.uncached ?? g.boot?.cached ?? 0,
      images: g.images ?? [],
    };
  });
}
