/**
 * The layout of a reservation's records (see reservations.ts). Constants only, in a module of
 * their own, so the modules that use them on the hot path can copy them in (see kernel.ts).
 */

// Whole-number fields (as items, in an Int32Array record so ids index arrays directly).
/** 0 while the slot is free; else ACTIVE, with REALS_SET once its expiry or tag was given. */
export const R_ACTIVE = 0;
export const ACTIVE = 1;
/**
 * The reservation's expiry or tag differs from the default (Infinity, -1). Free slots hold the
 * defaults and releasing restores them only when this is set, so the kernel's own reservations
 * (no expiry, no tag) never touch the record of reals at all.
 */
export const REALS_SET = 2;
export const R_INSTANCE = 1;
export const R_ITEM = 2;
export const R_OWNER_ITEM = 3;
// Ints 4 and 5 hold R_START (below); an instance's list of reservations is ReservationTable.links.
export const R_EXPIRY_EVENT = 6;
export const R_TIER = 7;
/** Whole-number fields in a record; the reserved vector follows them (D reals from R_VECTOR). */
export const RES_INTS = 8;
/** Where the reserved vector starts, in reals from the record's start (right after the ints). */
export const R_VECTOR = RES_INTS / 2;
/** When the reservation was made: a real inside the record (ints 4 and 5), written with it. */
export const R_START = 2;

// Real fields (a record of their own, apart: only expiring and tagging read them; see REALS_SET).
/** Infinity: none. */
export const R_EXPIRY = 0;
/** Strategy-chosen tag (a pool id, an application id...), or -1. */
export const R_TAG = 1;
export const RES_REALS = 2;
