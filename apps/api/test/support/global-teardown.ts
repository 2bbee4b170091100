import { dropDatabase } from '../../src/database/database-admin.util';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.RB_TEST_DATABASE_URL;
  if (url && !process.env.RB_KEEP_TEST_DB) await dropDatabase(url);
}
