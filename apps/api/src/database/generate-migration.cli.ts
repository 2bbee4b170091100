import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { dropDatabase, withDatabaseName } from './database-admin.util';
import { migrate } from './migrate';

/** Writes a migration for whatever the entities changed, computed against a scratch database. */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error('usage: db:generate <PascalCaseName>');
  const config = loadConfig();
  const url = withDatabaseName(config.DATABASE_URL, `rb_gen_${randomBytes(4).toString('hex')}`);
  try {
    await migrate(url);
    const ds = createDataSource(url);
    await ds.initialize();
    const sql = await ds.driver.createSchemaBuilder().log();
    await ds.destroy();
    if (sql.upQueries.length === 0) {
      console.log('no changes');
      return;
    }
    const ts = Date.now();
    const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`');
    // Enum types shared by several tables (enumName) come out once per table; keep the first.
    // Dropping such a type must wait for the last table that uses it, hence last-wins for down.
    const unique = (qs: { query: string }[]) => qs.filter((q, i) => qs.findIndex((o) => o.query === q.query) === i);
    const uniqueLast = (qs: { query: string }[]) => qs.filter((q, i) => qs.findLastIndex((o) => o.query === q.query) === i);
    const up = unique(sql.upQueries).map((q) => `    await q.query(\`${esc(q.query)}\`);`).join('\n');
    const down = uniqueLast(sql.downQueries.reverse()).map((q) => `    await q.query(\`${esc(q.query)}\`);`).join('\n');
    const file = join(__dirname, 'migrations', `${ts}-${name}.ts`);
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${ts} implements MigrationInterface {\n  name = '${name}${ts}';\n\n  async up(q: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    console.log(`wrote ${file}`);
  } finally {
    await dropDatabase(url);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
