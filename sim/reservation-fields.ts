/**
 * The layout of a reservation's records (see reservations.ts). Constants only, in a module of
 * their own, so the modules that use them on the hot path can copy them in (see kernel.ts).
 */

// Whole-number fields (as items, in an Int32Array record so ids index arrays directly).
export const R_ACTIVE = 0;
export const R_INSTANCE = 1;
export const R_ITEM = 2;
export const R_OWNER_ITEM = 3;
// Ints 4 and 5 are free: an instance's list of reservations is ReservationTable.links (see there).
export const R_EXPIRY_EVENT = 6;
export const R_TIER = 7;
/** Whole-number fields in a record; the reserved vector follows them (D reals from R_VECTOR). */
export const RES_INTS = 8;
/** Where the reserved vector starts, in reals from the record's start (right after the ints). */
export const R_VECTOR = RES_INTS / 2;

// Real fields (a record of their own, apart: only making, expiring and tagging read them).
export const R_START = 0;
export const R_EXPIRY = 1;
/** Strategy-chosen tag (a pool id, an application id...), or -1. */
export const R_TAG = 2;
export const RES_REALS = 4;
