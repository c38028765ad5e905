/**
 * The kinds of events in the kernel's queue. Constants only, in a module of their own, so the
 * modules that dispatch on them can copy them in (see the note in kernel.ts).
 */

// Foreground events keep the run going; background ones (ticks, crashes, timers,
// reservation expiries) do not, or a run with nothing left to do would never end. Arrivals are
// foreground too, but wait in per-source FIFOs rather than in the queue.
export const STAGE_END = 1;
/** The earliest stage end on a contended instance, whose stages' ends share one event (target: the instance). */
export const POOLED_STAGE_END = 2;
export const WAIT_TIMEOUT = 3;
export const RETRY = 4;
export const INSTANCE_UP = 5;
export const INSTANCE_REPAIR = 6;
export const FOREGROUND_KINDS = 7;
export const RES_EXPIRY = 7;
export const INSTANCE_CRASH = 8;
export const TICK = 9;
export const TIMER = 10;
