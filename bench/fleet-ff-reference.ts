/**
 * The hand-written reference loop of shared/bench/fleet-ff.md: a typed-array heap, linear
 * first-fit on cpu and mem, a FIFO head-of-line queue — nothing general. The kernel's events/s
 * on fleet-ff is quoted as a ratio to this loop, run in the same process.
 *
 * It draws from the same seeded streams, in the same order, as `scenarios/fleet-ff.yaml`'s job
 * generator, so the two produce the same schedule (a test checks they agree).
 */
import seedrandom from 'seedrandom';

export interface ReferenceResult {
  completed: number;
  meanWait: number;
  p99Wait: number;
  cpuUtilization: number;
  events: number;
  wallSeconds: number;
  eventsPerSecond: number;
}

export function runFleetFfReference(hosts: number, jobs: number, seed = 1): ReferenceResult {
  const arrivals = seedrandom.alea(`${seed}/source/j/arrivals`);
  const sizes = seedrandom.alea(`${seed}/source/j/sizes`);
  const lambda = (0.85 * hosts * 64) / (6.2 * 600);
  const CHOICES = [1, 2, 4, 8, 16];
  const started = performance.now();

  const cpuFree = new Float64Array(hosts).fill(64);
  const memFree = new Float64Array(hosts).fill(256);
  // Per job: request and where it ran.
  const jobCpu = new Float64Array(jobs);
  const jobMem = new Float64Array(jobs);
  const jobDur = new Float64Array(jobs);
  const jobArr = new Float64Array(jobs);
  const jobHost = new Int32Array(jobs);
  const waits = new Float64Array(jobs);
  // Heap of events: completions carry the job id, the arrival carries -1 - id.
  const cap = hosts * 64 + 16;
  const hTime = new Float64Array(cap);
  const hSeq = new Float64Array(cap);
  const hJob = new Int32Array(cap);
  let size = 0;
  let seq = 0;
  const push = (t: number, job: number) => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (hTime[p] < t || (hTime[p] === t && hSeq[p] < seq)) break;
      hTime[i] = hTime[p];
      hSeq[i] = hSeq[p];
      hJob[i] = hJob[p];
      i = p;
    }
    hTime[i] = t;
    hSeq[i] = seq++;
    hJob[i] = job;
  };
  const pop = () => {
    const t = hTime[--size];
    const s = hSeq[size];
    const j = hJob[size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && (hTime[c + 1] < hTime[c] || (hTime[c + 1] === hTime[c] && hSeq[c + 1] < hSeq[c]))) c++;
      if (hTime[c] > t || (hTime[c] === t && hSeq[c] > s)) break;
      hTime[i] = hTime[c];
      hSeq[i] = hSeq[c];
      hJob[i] = hJob[c];
      i = c;
    }
    hTime[i] = t;
    hSeq[i] = s;
    hJob[i] = j;
  };
  const queue = new Int32Array(jobs);
  let qHead = 0;
  let qTail = 0;
  let now = 0;
  let busyCpu = 0;
  let cpuArea = 0;
  let completed = 0;
  let events = 0;

  const tryStart = (j: number): boolean => {
    const c = jobCpu[j];
    const m = jobMem[j];
    for (let h = 0; h < hosts; h++) {
      if (cpuFree[h] >= c && memFree[h] >= m) {
        cpuFree[h] -= c;
        memFree[h] -= m;
        jobHost[j] = h;
        busyCpu += c;
        waits[j] = now - jobArr[j];
        push(now + jobDur[j], j);
        return true;
      }
    }
    return false;
  };

  let nextJob = 0;
  let t = 0;
  const newArrival = () => {
    t += -Math.log(1 - arrivals()) / lambda;
    const j = nextJob++;
    jobArr[j] = t;
    const c = CHOICES[Math.min(4, Math.floor(sizes() * 5))];
    jobCpu[j] = c;
    jobMem[j] = c * (2 + sizes() * 4);
    jobDur[j] = -Math.log(1 - sizes()) * 600;
    push(t, -1 - j);
  };
  if (jobs > 0) newArrival();
  while (size > 0) {
    const time = hTime[0];
    const job = hJob[0];
    pop();
    cpuArea += busyCpu * (time - now);
    now = time;
    events++;
    if (job < 0) {
      const j = -1 - job;
      if (nextJob < jobs) newArrival();
      if (!tryStart(j)) queue[qTail++] = j;
    } else {
      const h = jobHost[job];
      cpuFree[h] += jobCpu[job];
      memFree[h] += jobMem[job];
      busyCpu -= jobCpu[job];
      completed++;
      while (qHead < qTail && tryStart(queue[qHead])) qHead++;
    }
  }
  const wallSeconds = (performance.now() - started) / 1000;
  let sum = 0;
  for (let j = 0; j < jobs; j++) sum += waits[j];
  const sorted = waits.slice().sort();
  const p = 0.99 * (jobs - 1);
  const lo = Math.floor(p);
  const p99Wait = jobs === 0 ? 0 : sorted[lo] + (sorted[Math.min(lo + 1, jobs - 1)] - sorted[lo]) * (p - lo);
  return {
    completed,
    meanWait: jobs ? sum / jobs : 0,
    p99Wait,
    cpuUtilization: now > 0 ? cpuArea / (now * hosts * 64) : 0,
    events,
    wallSeconds,
    eventsPerSecond: events / wallSeconds,
  };
}
