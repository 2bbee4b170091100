import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #14: a keyword search first looks up the compounds and buildings whose name holds a word
 * (matchPlaces), then lists their tickets with those of the text. The lookup was an ILIKE over every
 * compound and building: 17 compounds in the demo, ~3,300 compounds and ~13,000 buildings in a city
 * of 5,000,000 tickets, where it took 10 ms of every search. The bigrams of the name (rb_bigrams,
 * migration 3900) in a GIN index answer a word of 2+ characters; the ILIKE stays as the exact
 * recheck. Partial: only compounds and buildings are looked up.
 */
export class PlaceNameBigrams1795300004300 implements MigrationInterface {
  name = 'PlaceNameBigrams1795300004300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_org_units_place_name_bigram" ON "org_units" USING gin (rb_bigrams("name")) WHERE "kind" IN ('compound', 'building')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_org_units_place_name_bigram"`);
  }
}
