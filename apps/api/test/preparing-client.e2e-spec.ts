import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { CUSTOM_PLAN, MAX_PREPARED_STATEMENTS, PreparingClient } from '../src/database/preparing.client';

/** What this session has prepared, read without parameters (so the read itself is not prepared). */
async function prepared(client: Client): Promise<Array<{ name: string; statement: string; generic_plans: string; custom_plans: string }>> {
  const { rows } = await client.query('SELECT name, statement, generic_plans, custom_plans FROM pg_prepared_statements ORDER BY name');
  return rows;
}

describe('PreparingClient (a pool connection that prepares what it is asked twice)', () => {
  // Typed as pg's Client: that is how the pool and TypeORM hold it.
  let client: Client;

  beforeEach(async () => {
    client = new PreparingClient({ connectionString: process.env.RB_TEST_DATABASE_URL });
    await client.connect();
    // Temporary: the table and the statements are this session's alone.
    await client.query('CREATE TEMP TABLE probe (id int PRIMARY KEY, name text)');
    await client.query(`INSERT INTO probe SELECT g, 'n' || g FROM generate_series(1, 50) g`);
  });

  afterEach(async () => {
    await client.end();
  });

  it('parses a query with values once and plans it once, however often it runs', async () => {
    const text = 'SELECT name FROM probe WHERE id = $1';
    for (let i = 1; i <= 8; i++) {
      const { rows } = await client.query(text, [i]);
      expect(rows).toEqual([{ name: `n${i}` }]);
    }
    const [statement, ...others] = await prepared(client);
    expect(others).toEqual([]);
    expect(statement.statement).toBe(text);
    // PostgreSQL plans for the values five times, then keeps the generic plan it found as good.
    expect(Number(statement.custom_plans)).toBe(5);
    expect(Number(statement.generic_plans)).toBe(3);
    expect((client as PreparingClient).preparedCount).toBe(1);
  });

  it('leaves alone what has no values, and what asks for a custom plan', async () => {
    await client.query('SELECT count(*) FROM probe');
    await client.query(`${CUSTOM_PLAN} SELECT name FROM probe WHERE name LIKE $1`, ['n1%']);
    expect(await prepared(client)).toEqual([]);
  });

  it(`keeps at most ${MAX_PREPARED_STATEMENTS} statements, deallocating the least recently used`, async () => {
    const texts = Array.from({ length: MAX_PREPARED_STATEMENTS + 1 }, (_, i) => `SELECT name, ${i} AS k FROM probe WHERE id = $1`);
    await client.query(texts[0], [1]);
    await client.query(texts[1], [1]);
    await client.query(texts[0], [1]); // used again: texts[1] is now the oldest
    for (const text of texts.slice(2)) await client.query(text, [2]);
    const left = (await prepared(client)).map((s) => s.statement);
    expect(left).toHaveLength(MAX_PREPARED_STATEMENTS);
    expect(left).toContain(texts[0]);
    expect(left).not.toContain(texts[1]);
    expect(left).toContain(texts[MAX_PREPARED_STATEMENTS]);
    // The evicted text prepares again under a new name, and answers.
    expect((await client.query(texts[1], [3])).rows).toEqual([{ name: 'n3', k: 1 }]);
  });

  it('runs a statement again after its table changed columns, outside a transaction', async () => {
    const text = 'SELECT p.* FROM probe p WHERE p.id = $1';
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, name: 'n1' }]);
    await client.query(`ALTER TABLE probe ADD COLUMN note text DEFAULT 'x'`);
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, name: 'n1', note: 'x' }]);
    expect((await prepared(client)).map((s) => s.statement)).toEqual([text]);
  });

  it('inside a transaction the error reaches the caller once; the statement is then prepared afresh', async () => {
    const text = 'SELECT p.* FROM probe p WHERE p.id = $1';
    await client.query(text, [1]);
    await client.query(`ALTER TABLE probe ADD COLUMN note text DEFAULT 'x'`);
    await client.query('BEGIN');
    await expect(client.query(text, [1])).rejects.toMatchObject({ code: '0A000' });
    await client.query('ROLLBACK');
    expect((await client.query(text, [2])).rows).toEqual([{ id: 2, name: 'n2', note: 'x' }]);
  });

  it('passes errors of a prepared statement through, and the connection goes on', async () => {
    await expect(client.query('SELECT name FROM probe WHERE id = $1::int', ['not a number'])).rejects.toMatchObject({ code: '22P02' });
    expect((await client.query('SELECT name FROM probe WHERE id = $1::int', [4])).rows).toEqual([{ name: 'n4' }]);
  });
});

describe('dataSourceOptions({ prepare })', () => {
  it('gives the API and worker pools preparing connections, and migrations plain ones', async () => {
    const url = process.env.RB_TEST_DATABASE_URL as string;
    const preparing = new DataSource(dataSourceOptions(url, { prepare: true }));
    const plain = new DataSource(dataSourceOptions(url));
    await Promise.all([preparing.initialize(), plain.initialize()]);
    try {
      const count = 'SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1';
      const text = 'SELECT $1::int + 1 AS n';
      const runner = preparing.createQueryRunner();
      await runner.query(text, [1]);
      expect(await runner.query(count, [text])).toEqual([{ n: 1 }]);
      await runner.release();
      const plainRunner = plain.createQueryRunner();
      await plainRunner.query(text, [1]);
      expect(await plainRunner.query(count, [text])).toEqual([{ n: 0 }]);
      await plainRunner.release();
    } finally {
      await Promise.all([preparing.destroy(), plain.destroy()]);
    }
  });
});
