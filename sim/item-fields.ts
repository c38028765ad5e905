/**
 * The layout of an item's records (see items.ts): its states, the offsets of its whole-number and
 * real fields, and the offsets of a stage's fields. Constants only, in a module of their own, so
 * the modules that use them on the hot path can copy them in (see the note in kernel.ts).
 */

// Item states.
export const FREE = 0;
/** Submitted, arrival pending. */
export const PENDING = 1;
/** Arrived, held by the strategy (queued or deciding). */
export const WAITING = 2;
/** Has a reservation on an instance that is not ready yet. */
export const PLACED = 3;
export const RUNNING = 4;
/** In `onFailure`: the strategy may retry or defer it. */
export const FAILING = 5;
/** Deferred: comes back after a delay. */
export const DEFERRED = 6;

// Item record: 192 bytes of one buffer, read through an Int32Array (`ints`, whole-number fields:
// states, ids, links, counts) and a Float64Array (`reals`: times, rates) over the same memory. Ids
// read from an Int32Array index the next array directly; read from a Float64Array, every one would
// first be checked and converted (a quarter slower on link-chasing code, measured). The first 128
// bytes (sixteen ints, then eight reals) are all a stage's start and an item's end touch: an end
// comes long after the item started, when its record has left the cache, so they are two adjacent
// lines rather than four scattered ones — two, not three, because the buffer starts on a line
// (typed.ts: alignedBuffer). The last 64 bytes are fields used on arrival or rarely.
// Offsets of ints count 4-byte words from the record's start, offsets of reals 8-byte words.
export const STATE = 0;
export const INSTANCE = 1;
export const RESERVATION = 2;
export const STAGE_CUR = 3;
export const END_EVENT = 4;
/**
 * When the item's current stage started, counted in stage starts (the kernel's count, kept modulo
 * 2^32): the order an instance's list of running items is built in when it is first needed (see
 * Fleet.listed). The list itself is ItemTable.links, dense, so that taking an item off it writes
 * its neighbours' links rather than their records' (cold) lines. Int 6 is free.
 */
export const START_ORDER = 5;
/** The item's place in the outcome log; -1 for the strategy's own work, which has none. */
export const ORDINAL = 7;
export const STAGE_HEAD = 8;
export const STAGE_INDEX = 9;
/** The item is ready (time-to-ready) once this many stages have ended; 0: when it starts. */
export const READY_STAGES = 10;
/** Bit flags: ROLLING_BACK, DESCRIBED, HAS_ROLLBACK, RARE_SET, CAPPED, ON_INSTANCE. */
export const FLAGS = 11;
/** The item is running its rollback stage. */
export const ROLLING_BACK = 1;
/** The item has metadata or constraints (kept beside the record, cleared when it is freed). */
export const DESCRIBED = 2;
/** The item has a rollback stage (ROLLBACK), to free with it. */
export const HAS_ROLLBACK = 4;
/**
 * A field of the record's last line (ROLLBACK to PRIORITY) holds other than its default. Whoever
 * writes one sets this; freeing the item restores them, so a new item finds them ready and most
 * items never touch that line at all.
 */
export const RARE_SET = 8;
/** The strategy's own work whose reservation caps its use (a shadow run). */
export const CAPPED = 16;
/** The item's current stage is on its instance: between its start and its stop. */
export const ON_INSTANCE = 32;
/** The list of waiting items, in arrival order. */
export const QUEUE_PREV = 12;
export const QUEUE_NEXT = 13;
/** Kind (index in ITEM_KINDS) | the source that submitted the item << ORIGIN_SOURCE_SHIFT. */
export const ORIGIN = 14;
export const ORIGIN_SOURCE_SHIFT = 8;
export const ORIGIN_KIND_MASK = 255;
/** The item's index in its source. */
export const LOCAL = 15;
// Ints 16-31 are the reals below; 32-47 the record's last line (see RARE_SET), with its defaults.
/** Rollback stage, run when the item fails after it started (installs, updates); -1. */
export const ROLLBACK = 32;
/** -1 */
export const TIMEOUT_EVENT = 33;
/** -1 */
export const RETRY_EVENT = 34;
/** 0 */
export const FAIL_CAUSE = 35;
/** 0 */
export const ATTEMPTS = 36;
/** Record size in ints. */
export const ITEM_INTS = 48;

// Real fields (reals 0-7 are the sixteen ints above).
export const PLACED_AT = 8;
export const STARTED_AT = 9;
export const READY_AT = 10;
export const ARRIVAL = 11;
/** Progress per second of the current stage (1: full speed). */
export const RATE = 12;
/** Full-speed seconds of the current stage left at LAST_UPDATE. */
export const REMAINING = 13;
export const LAST_UPDATE = 14;
/**
 * Insertion number of the current stage's completion (event-queue order among equal times): kept
 * with the item so that a pooled instance's one event orders exactly as the stage's own would.
 */
export const END_SEQ = 15;
// Reals 16-19 are the ints of the last line.
/** When the current stage started (kept only for strategies that observe stages). */
export const STAGE_START = 20;
/** Highest progress rate a capped stage may run at; 1 (no cap). */
export const RATE_BOUND = 21;
/** Infinity */
export const TIMEOUT = 22;
/** 0 */
export const PRIORITY = 23;
/** Record size in reals (ITEM_INTS / 2: both count the same 192 bytes). */
export const ITEM_REALS = 24;

// Stage record fields (reals; the record's length is the table's `stride`).
export const DURATION = 0;
/** Uniform draw deciding whether the stage fails (common random numbers across strategies). */
export const FAIL_DRAW = 1;
/** Duration when the stage's image is not cached on the instance (else DURATION); NaN: no image. */
export const UNCACHED_DURATION = 2;
/** The stage's true demand, D values from here. */
export const DEMAND = 3;
