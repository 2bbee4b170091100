/**
 * A keyset page asks for one row more than the page: whether that row came back says if another
 * page follows, without counting. The size is written into the text, not passed as a value: a
 * generic plan (PreparingClient) cannot see a LIMIT parameter, costs it as a tenth of the rows and
 * prefers a sort to the index walk. `limit` comes from a DTO (@IsInt, @Max); the trunc keeps
 * anything else out of the SQL all the same.
 */
export const pageLimitSql = (limit: number): string => `LIMIT ${Math.trunc(limit) + 1}`;

/** The page's rows, and the cursor of its last row when another page follows (pageLimitSql). */
export function keysetPage<R, C>(rows: R[], limit: number, cursorOf: (last: R) => C): { page: R[]; nextCursor: C | null } {
  const page = rows.slice(0, limit);
  return { page, nextCursor: rows.length > limit && page.length > 0 ? cursorOf(page[page.length - 1]) : null };
}
