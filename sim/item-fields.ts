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

// Item record: whole-number fields (states, ids, links, counts) in an Int32Array record of
// ITEM_INTS, real fields (times, rates) in a Float64Array record of ITEM_REALS. Ids read from an
// Int32Array index the next array directly; read from a Float64Array, every one would first be
// checked and converted (a quarter slower on link-chasing code, measured). The first sixteen ints
// (64 bytes) and the first four reals are all an item's end touches: its records were last touched
// when it started, long before, so every further line is a miss.
export const STATE = 0;
export const INSTANCE = 1;
export const RESERVATION = 2;
export const STAGE_CUR = 3;
export const END_EVENT = 4;
/** Intrusive list of the items running (or placed and waiting) on one instance. */
export const PREV = 5;
export const NEXT = 6;
export const ORDINAL = 7;
export const STAGE_HEAD = 8;
export const STAGE_INDEX = 9;
/** The item is ready (time-to-ready) once this many stages have ended; 0: when it starts. */
export const READY_STAGES = 10;
/** Bit flags: ROLLING_BACK, DESCRIBED, HAS_ROLLBACK. */
export const FLAGS = 11;
/** The item is running its rollback stage. */
export const ROLLING_BACK = 1;
/** The item has metadata or constraints (kept beside the record, cleared when it is freed). */
export const DESCRIBED = 2;
/** The item has a rollback stage (ROLLBACK), to free with it. */
export const HAS_ROLLBACK = 4;
/** 0: workload; OWN: the strategy's own work (shadow runs, image pulls); OWN_CAPPED: and its reservation caps its use. */
export const OWNED = 12;
export const OWN = 1;
export const OWN_CAPPED = 2;
/** Kind (index in ITEM_KINDS), the source that submitted the item and its index there. */
export const KIND = 13;
export const SOURCE = 14;
export const LOCAL = 15;
/** Rollback stage, run when the item fails after it started (installs, updates). */
export const ROLLBACK = 16;
/** The list of waiting items, in arrival order. */
export const QUEUE_PREV = 17;
export const QUEUE_NEXT = 18;
export const TIMEOUT_EVENT = 19;
export const RETRY_EVENT = 20;
export const FAIL_CAUSE = 21;
export const ATTEMPTS = 22;
export const ITEM_INTS = 24;

// Real fields.
export const PLACED_AT = 0;
export const STARTED_AT = 1;
export const READY_AT = 2;
export const ARRIVAL = 3;
/** Progress per second of the current stage (1: full speed). */
export const RATE = 4;
/** Full-speed seconds of the current stage left at LAST_UPDATE. */
export const REMAINING = 5;
export const LAST_UPDATE = 6;
export const STAGE_START = 7;
/** Highest progress rate a capped stage may run at (1 for work without a cap). */
export const RATE_BOUND = 8;
export const TIMEOUT = 9;
export const PRIORITY = 10;
/**
 * Insertion number of the current stage's completion (event-queue order among equal times): kept
 * with the item so that a pooled instance's one event orders exactly as the stage's own would.
 */
export const END_SEQ = 11;
export const ITEM_REALS = 12;

// Stage record fields.
export const DURATION = 0;
/** Uniform draw deciding whether the stage fails (common random numbers across strategies). */
export const FAIL_DRAW = 1;
/** Duration when the stage's image is not cached on the instance (else DURATION); NaN: no image. */
export const UNCACHED_DURATION = 2;
export const STAGE_STRIDE = 3;
