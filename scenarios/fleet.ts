/**
 * Turns the scenario's `fleet` into the kernel's instance groups: groups written out, and node
 * lists read from a trace (one instance per row, rows with the same capacity and labels sharing a
 * group, in order of first appearance).
 */
import { dirname, resolve } from 'node:path';
import type { InstanceGroup } from '../sim/fleet.js';
import type { Dimensions } from '../sim/resources.js';
import { csvRows } from './csv.js';
import { InputError } from './input-error.js';
import { compileMapping, requireColumns } from './mapping.js';
import { isFleetSwf, isFleetTrace, type FleetEntry, type FleetGroupSpec, type FleetSwfSpec, type FleetTraceSpec } from './schema.js';
import { processorsPerNode, readSwfHeader } from './swf.js';

/** Capacities a group gets for io and net when the scenario does not say (a local SSD, 10 GbE). */
export const DEFAULT_IO = 500;
export const DEFAULT_NET = 1250;

export interface BuiltFleet {
  groups: InstanceGroup[];
  /** Instances at t = 0, per group, in group order (instance ids follow it). */
  initial: { group: number; count: number }[];
}

export async function buildFleet(
  entries: readonly FleetEntry[],
  dims: Dimensions,
  scenarioPath: string,
): Promise<BuiltFleet> {
  const groups: InstanceGroup[] = [];
  const initial: { group: number; count: number }[] = [];
  for (const [i, entry] of entries.entries()) {
    if (isFleetSwf(entry)) {
      initial.push({ group: groups.length, count: 1 });
      groups.push(await swfMachine(entry, dims, scenarioPath));
    } else if (isFleetTrace(entry)) {
      for (const g of await traceGroups(entry, dims, scenarioPath, i)) {
        initial.push({ group: groups.length, count: g.count });
        groups.push(g.group);
      }
    } else {
      initial.push({ group: groups.length, count: entry.count });
      groups.push(instanceGroup(entry as FleetGroupSpec, dims, i));
    }
  }
  return { groups, initial };
}

/** The instance group a scenario's `fleet[i]` group entry describes. */
export function instanceGroup(g: FleetGroupSpec, dims: Dimensions, i: number): InstanceGroup {
  const capacity = new Float64Array(dims.count);
  const values = g as unknown as Record<string, unknown>;
  for (let d = 0; d < dims.count; d++) {
    const name = dims.names[d];
    const v = values[name];
    capacity[d] = typeof v === 'number' ? v : defaultCapacity(name);
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
}

function defaultCapacity(name: string): number {
  return name === 'io' ? DEFAULT_IO : name === 'net' ? DEFAULT_NET : 0;
}

async function traceGroups(entry: FleetTraceSpec, dims: Dimensions, scenarioPath: string, i: number) {
  const t = entry.trace;
  const path = resolve(dirname(scenarioPath), t.path);
  const maps = dims.names.map((n) => (t.capacity[n] === undefined ? undefined : compileMapping(t.capacity[n], path, `capacity.${n}`)));
  const needed = new Set<string>([...maps.flatMap((m) => m?.columns ?? []), ...Object.values(t.labels ?? {})]);
  const byKey = new Map<string, { group: InstanceGroup; count: number }>();
  let rows = 0;
  for await (const [row, line] of csvRows(path, { delimiter: t.delimiter })) {
    if (rows === 0) requireColumns(path, Object.keys(row), needed);
    if (t.limit !== undefined && rows >= t.limit) break;
    rows++;
    const capacity = Float64Array.from(dims.names, (n, d) => maps[d]?.read(row, line) ?? defaultCapacity(n));
    const labels: Record<string, string> = {};
    for (const [label, column] of Object.entries(t.labels ?? {})) if (row[column]) labels[label] = row[column];
    const key = JSON.stringify([Array.from(capacity), labels]);
    const found = byKey.get(key);
    if (found) found.count++;
    else {
      byKey.set(key, {
        count: 1,
        group: {
          name: `${t.name ?? `n${i}`}${byKey.size}`,
          capacity,
          labels,
          zone: labels.zone ?? '',
          price: t.price ?? 0,
          provisionTime: 0,
          bootCached: 0,
          bootUncached: 0,
          images: [],
        },
      });
    }
  }
  if (rows === 0) throw new InputError(`${path}: the node list has no rows`);
  return [...byKey.values()];
}

/** One instance for the whole machine of an SWF log: `cpu` counts its nodes (from the header). */
async function swfMachine(entry: FleetSwfSpec, dims: Dimensions, scenarioPath: string): Promise<InstanceGroup> {
  const path = resolve(dirname(scenarioPath), entry.swf.path);
  const header = await readSwfHeader(path);
  const nodes = entry.swf.nodes ?? header.maxNodes ?? (header.maxProcs !== undefined ? header.maxProcs / processorsPerNode(header) : undefined);
  if (nodes === undefined) {
    throw new InputError(`${path}: the header gives neither MaxNodes nor MaxProcs; set fleet[].swf.nodes in the scenario`);
  }
  const capacity = new Float64Array(dims.count);
  capacity[0] = nodes;
  capacity[1] = nodes * (entry.swf.memPerNode ?? 0);
  for (let d = 2; d < dims.count; d++) capacity[d] = defaultCapacity(dims.names[d]);
  return {
    name: entry.swf.name ?? 'machine',
    capacity,
    labels: {},
    zone: '',
    price: entry.swf.price ?? 0,
    provisionTime: 0,
    bootCached: 0,
    bootUncached: 0,
    images: [],
  };
}
