/**
 * What the kernel's compiled loop allocates on the JavaScript heap per event: one fleet-ff run, of
 * which the second half (its code compiled by then) runs under V8's sampling heap profiler,
 * counting the objects the young-generation collector has already freed as well (the garbage of
 * a hot loop lives for nanoseconds). A number boxed on the hot path — a double returned or passed
 * where V8 could not keep it unboxed — shows here as 16 bytes an event or more; the design allows
 * none.
 *
 *     npm run build && node dist/bench/fleet-ff-allocation.js [hosts] [jobs]
 */
import '../cli/v8-inlining.js';
import { Session } from 'node:inspector';
import { fileURLToPath } from 'node:url';
import type { ItemSink } from '../sim/source.js';
import { fleetFf } from './fleet-ff.js';

export interface AllocationSample {
  /** Events run while sampling. */
  events: number;
  /** Bytes the sampler attributed to them, per event (an estimate: one sample per 512 bytes). */
  bytesPerEvent: number;
  /** The functions (outermost compiled frame) the sampled bytes were attributed to, most first. */
  top: { frame: string; bytesPerEvent: number }[];
}

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

/** The inspector's calls, made synchronously (an in-thread session answers before `post` returns). */
function post<T>(session: Session, method: string, params?: object): T {
  let result: T | undefined;
  let error: Error | null = null;
  session.post(method, params ?? {}, (e, r) => {
    error = e;
    result = r as T;
  });
  if (error) throw error;
  return result as T;
}

/** Runs fleet-ff at (hosts, jobs), sampling what its second half allocates. */
export async function fleetFfAllocation(hosts: number, jobs: number): Promise<AllocationSample> {
  const sim = (await fleetFf(hosts, jobs))();
  const source = sim.sources[0];
  const fill = source.fill.bind(source);
  const session = new Session();
  session.connect();
  let submitted = 0;
  let eventsBefore = -1;
  // The source is asked for arrivals in batches as the run goes: the sampler starts from inside
  // the batch request that passes half the jobs.
  source.fill = (sink: ItemSink, max: number) => {
    if (eventsBefore < 0 && submitted >= jobs / 2) {
      post(session, 'HeapProfiler.enable');
      post(session, 'HeapProfiler.startSampling', {
        samplingInterval: 512,
        includeObjectsCollectedByMinorGC: true,
        includeObjectsCollectedByMajorGC: true,
      });
      eventsBefore = sim.metrics.events;
    }
    submitted += max;
    return fill(sink, max);
  };
  try {
    await sim.run();
    if (eventsBefore < 0) throw new Error(`fleet-ff with ${jobs} jobs never asked for its second half`);
    const { profile } = post<{ profile: { head: ProfileNode } }>(session, 'HeapProfiler.stopSampling');
    const events = sim.metrics.events - eventsBefore;
    const byFrame = new Map<string, number>();
    let total = 0;
    const walk = (node: ProfileNode): void => {
      if (node.selfSize > 0) {
        const { functionName, url, lineNumber } = node.callFrame;
        const frame = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
        byFrame.set(frame, (byFrame.get(frame) ?? 0) + node.selfSize);
        total += node.selfSize;
      }
      for (const child of node.children) walk(child);
    };
    walk(profile.head);
    const top = [...byFrame]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([frame, bytes]) => ({ frame, bytesPerEvent: bytes / events }));
    return { events, bytesPerEvent: total / events, top };
  } finally {
    session.disconnect();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [hosts = 1000, jobs = 300_000] = process.argv.slice(2).map(Number);
  const sample = await fleetFfAllocation(hosts, jobs);
  console.log(`fleet-ff, H = ${hosts}, J = ${jobs}, second half: ${sample.bytesPerEvent.toFixed(2)} bytes allocated an event (${sample.events} events)`);
  for (const { frame, bytesPerEvent } of sample.top) console.log(`  ${bytesPerEvent.toFixed(2).padStart(7)}  ${frame}`);
}
