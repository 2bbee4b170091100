import { Client, types } from 'pg';
import { parseTimestamptz, PgTimestamp } from '../src/database/timestamptz.parser';

/**
 * The fast timestamptz parser against PostgreSQL itself: the server prints each value as text and
 * gives its instant in milliseconds; the parser must arrive at the same instant, in every time zone
 * the server may be set to (whole hours, half hours, and the local mean times of 1900 with seconds).
 */
describe('parseTimestamptz', () => {
  let client: Client;

  beforeAll(async () => {
    client = new Client({ connectionString: process.env.RB_TEST_DATABASE_URL });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
  });

  it.each(['UTC', 'Asia/Shanghai', 'Asia/Kolkata', 'America/St_Johns', 'Europe/Amsterdam', 'Pacific/Chatham'])(
    'reads what PostgreSQL prints in %s to the millisecond',
    async (zone) => {
      await client.query(`SET TimeZone = '${zone}'`);
      await client.query('SELECT setseed(0.42)');
      const { rows } = await client.query<{ text: string; ms: string }>(
        `SELECT ts::text AS text, floor(extract(epoch FROM ts) * 1000)::bigint::text AS ms
           FROM (SELECT timestamptz '1000-01-01 00:00:00+00' + random() * interval '1200 years' AS ts FROM generate_series(1, 3000)
                 UNION ALL SELECT date_trunc('second', timestamptz '2026-12-05 15:04:05+00' + g * interval '1 hour') FROM generate_series(1, 48) g
                 UNION ALL SELECT timestamptz '2026-12-05 15:04:05+00' + g * interval '1 microsecond' * 1009 FROM generate_series(1, 200) g
                 UNION ALL SELECT timestamptz '1900-01-01 00:00:00+00' + g * interval '1 day' FROM generate_series(1, 5) g) x`,
      );
      const wrong = rows.filter((r) => (parseTimestamptz(r.text) as Date).getTime() !== Number(r.ms));
      expect(wrong.slice(0, 5)).toEqual([]);
      // JSON gives the ISO text a Date would, whichever way the parser built it.
      const badJson = rows.filter((r) => JSON.stringify(parseTimestamptz(r.text)) !== JSON.stringify(new Date(Number(r.ms))));
      expect(badJson.slice(0, 5)).toEqual([]);
      // In UTC the values carry PostgreSQL's digits for JSON; elsewhere they are plain Dates.
      expect(rows.filter((r) => parseTimestamptz(r.text) instanceof PgTimestamp).length > 0).toBe(zone === 'UTC');
      // The sample does take the fast path for most values: fractions, whole seconds, odd offsets.
      expect(rows.some((r) => /\.\d{6}[+-]/.test(r.text))).toBe(true);
      expect(rows.some((r) => /:\d\d[+-]\d\d(:\d\d){0,2}$/.test(r.text))).toBe(true);
    },
  );

  it('hands infinity, BC dates and years before 1000 to pg, answering as pg does', async () => {
    await client.query(`SET TimeZone = 'Asia/Shanghai'`);
    const { rows } = await client.query<{ text: string }>(
      `SELECT v::text AS text FROM unnest(ARRAY['infinity', '-infinity', '0044-03-15 12:00:00+00 BC', '0999-12-31 23:59:59.5+00', '0001-01-01 00:00:00+00']::timestamptz[]) v`,
    );
    const pgParser = types.getTypeParser(1184, 'text') as (text: string) => unknown;
    expect(rows.map((r) => parseTimestamptz(r.text))).toEqual(rows.map((r) => pgParser(r.text)));
    expect(parseTimestamptz('infinity')).toBe(Infinity);
  });

  it('a value read in UTC is a Date whose JSON follows later changes to it', () => {
    const value = parseTimestamptz('1969-12-31 23:59:59.5+00') as Date;
    expect(value).toBeInstanceOf(Date);
    expect(Object.prototype.toString.call(value)).toBe('[object Date]');
    expect(JSON.stringify({ at: value })).toBe('{"at":"1969-12-31T23:59:59.500Z"}');
    value.setUTCHours(3);
    expect(JSON.stringify(value)).toBe('"1969-12-31T03:59:59.500Z"');
    expect(JSON.stringify(parseTimestamptz('2026-12-05 15:04:05.000001+00'))).toBe('"2026-12-05T15:04:05.000Z"');
    expect(JSON.stringify(parseTimestamptz('2026-12-05 15:04:05.09+00'))).toBe('"2026-12-05T15:04:05.090Z"');
    // Copied the way some libraries copy a Date (its constructor with the instant): still a Date.
    const read = parseTimestamptz('2026-12-05 15:04:05.123+00') as Date;
    const copy = new (read.constructor as new (ms: number) => Date)(+read);
    expect(JSON.stringify(copy)).toBe('"2026-12-05T15:04:05.123Z"');
  });

  it('sends malformed text to pg rather than guessing', () => {
    // pg answers an Invalid Date here; a guess of ours would have been a valid one.
    expect(String(parseTimestamptz('2026-12-05 15:04:05.123+0x'))).toBe('Invalid Date');
    expect(String(parseTimestamptz('2026-12-05 15:04:05.123+08 junk'))).toBe(String(types.getTypeParser(1184, 'text')('2026-12-05 15:04:05.123+08 junk')));
  });
});
