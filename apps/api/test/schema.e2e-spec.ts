import { Client } from 'pg';
import { pendingSchemaChanges } from '../src/database/migrate';

describe('schema', () => {
  const url = process.env.DATABASE_URL as string;

  it('the migrations produce exactly what the entities describe (no drift)', async () => {
    expect(await pendingSchemaChanges(url)).toEqual([]);
  });

  it('the timeline is append-only: UPDATE and DELETE of events are refused by the database', async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const [event] = (await client.query('SELECT id FROM ticket_events ORDER BY id LIMIT 1')).rows;
      const id = event?.id ?? null;
      if (id === null) {
        // No event yet in this run: make one so the trigger has something to refuse.
        const t = await client.query(
          `INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, district_id, street_id, community_id, compound_id)
           SELECT 'HGSCHEMA1', 'submitted', c.id, 'normal', 'walk_in', 'schema test', u.id, cp.district_id, cp.street_id, cp.community_id, cp.id
             FROM categories c, users u, org_units cp WHERE cp.kind = 'compound' LIMIT 1 RETURNING id, reporter_id`,
        );
        await client.query(`INSERT INTO ticket_events (ticket_id, action, to_status, actor_id, actor_role) VALUES ($1, 'report', 'submitted', $2, 'resident')`, [t.rows[0].id, t.rows[0].reporter_id]);
      }
      const target = (await client.query('SELECT id FROM ticket_events ORDER BY id LIMIT 1')).rows[0].id;
      await expect(client.query(`UPDATE ticket_events SET note = 'rewritten' WHERE id = $1`, [target])).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM ticket_events WHERE id = $1', [target])).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });
});
