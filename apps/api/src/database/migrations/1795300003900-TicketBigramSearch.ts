import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #14: a 2-character Chinese keyword (井盖, 燃气) has no trigram, so until now the list walked
 * the caller's whole scope for it (a district at 5,000,000 tickets: seconds for a rare word). This
 * adds the missing grams: rb_bigrams(text) is the text's lower-cased 2-character substrings, and a
 * GIN index over the bigrams of description and address answers `@> ARRAY['井盖']`, with the ILIKE
 * kept as the exact recheck. ANALYZE keeps statistics on the expression, so the planner still walks
 * the list's order for a common word (a page fills early) and takes the index for a rare one.
 *
 * Plain SQL (no extension to install; zhparser is not among Debian's packages). No DISTINCT: GIN
 * removes a row's duplicate keys itself. Words of 3+ characters stay on the trigram indexes.
 */
export class TicketBigramSearch1795300003900 implements MigrationInterface {
  name = 'TicketBigramSearch1795300003900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION rb_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT array(SELECT substr(l, i, 2) FROM generate_series(1, char_length(l) - 1) i) FROM lower(t) AS l
    $$`);
    await q.query(`CREATE INDEX "idx_tickets_text_bigram" ON "tickets" USING gin (rb_bigrams("description" || ' ' || coalesce("address", '')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_tickets_text_bigram"`);
    await q.query(`DROP FUNCTION rb_bigrams(text)`);
  }
}
