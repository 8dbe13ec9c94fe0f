// What PostgreSQL refuses, stated once: every edge checks input against these
// before a query runs, so a client's odd value is a 400 / INVALID_ARGUMENT and
// never a database error (a 500 / UNKNOWN).

/** The largest value of a PostgreSQL INTEGER column (2³¹ − 1). */
export const PG_INTEGER_MAX = 2_147_483_647;

/** Text a database column can hold: no NUL character, no lone surrogate (it has no UTF-8 form). */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && value.isWellFormed();
}

/** An integer a PostgreSQL INTEGER column holds. */
export function isStorableInteger(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) <= PG_INTEGER_MAX;
}

/**
 * An instant within the years 1–9999: what every timestamp column holds and
 * ISO 8601 writes in four digits. A JavaScript Date reaches ±275 760 years,
 * PostgreSQL only 4713 BC–294276 AD.
 */
export function isStorableInstant(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= 1 && year <= 9999;
}
