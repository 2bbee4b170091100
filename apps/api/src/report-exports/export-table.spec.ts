import ExcelJS from 'exceljs';
import { contentDisposition, formatCell, neutraliseText, toCsv, toXlsx, type ExportTable } from './export-table';
import { FIGURE_KEYS, figureLabel } from './sla-export';

describe('export tables', () => {
  it('names every SLA figure with a short Chinese header, each different', () => {
    const labels = FIGURE_KEYS.map(figureLabel);
    for (const l of labels) expect(l).toMatch(/^[\u4e00-\u9fa5A-Z0-9（）]{2,14}$/);
    expect(new Set(labels).size).toBe(labels.length);
    expect(figureLabel('onTimeResolutionRate')).toBe('按时办结率');
    expect(figureLabel('complaintRate')).toBe('投诉率（每千户）');
  });

  it('formats rates as percentages and a missing figure as a dash, never 0', () => {
    expect(formatCell(0.7778, 'rate')).toBe('77.78%');
    expect(formatCell(null, 'rate')).toBe('—');
    expect(formatCell(12.5, 'decimal')).toBe('12.50');
  });

  it('quotes CSV fields that need it and starts with a BOM', () => {
    const csv = toCsv({ title: 'T', sheet: 's', columns: [{ header: 'a', kind: 'text' }], rows: [['x,"y"']] }).toString('utf8');
    expect(csv).toBe('\uFEFFT\r\na\r\n"x,""y"""\r\n');
  });

  it('neutralises text that a spreadsheet would run as a formula, with a leading single quote (OWASP)', () => {
    for (const s of ['=1+1', '+86 139', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x.example","点我")']) expect(neutraliseText(s)).toBe(`'${s}`);
    for (const s of ['塞上阳光', '1+1', 'a=b', '—', '', "'=already"]) expect(neutraliseText(s)).toBe(s);
    // Numbers are figures, not text: a negative one stays as it is.
    expect(formatCell(-12.5, 'decimal')).toBe('-12.50');
    expect(formatCell(-3, 'int')).toBe('-3');
    expect(formatCell('-3', 'text')).toBe("'-3");
  });

  const hostile: ExportTable = {
    title: '=cmd|"/c calc"!A1',
    sheet: 's',
    columns: [{ header: '@名称', kind: 'text' }, { header: '差值', kind: 'decimal' }],
    rows: [['=HYPERLINK("http://x.example","点我")', -1.5], ['+1', null]],
    notes: ['-注'],
  };

  it('CSV: every text cell (title, headers, rows, notes) neutralised, negative numbers kept', () => {
    const lines = toCsv(hostile).toString('utf8').slice(1).split('\r\n');
    expect(lines).toEqual([`"'=cmd|""/c calc""!A1"`, "'@名称,差值", `"'=HYPERLINK(""http://x.example"",""点我"")",-1.50`, "'+1,—", "'-注", '']);
  });

  it('XLSX: text cells neutralised, numbers stay numeric', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(hostile)) as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    expect(sheet.getCell('A1').value).toBe(`'=cmd|"/c calc"!A1`);
    expect(sheet.getCell('A2').value).toBe("'@名称");
    expect(sheet.getCell('A3').value).toBe(`'=HYPERLINK("http://x.example","点我")`);
    expect(sheet.getCell('B3').value).toBe(-1.5);
    expect(sheet.getCell('A4').value).toBe("'+1");
    expect(sheet.getCell('A5').value).toBe("'-注");
    for (const cell of ['A1', 'A3', 'A4']) expect(sheet.getCell(cell).formula).toBeUndefined();
  });

  it('writes the Chinese file name per RFC 5987 with an ASCII fallback', () => {
    expect(contentDisposition('r.csv', '星级评定(1).csv')).toBe(
      `attachment; filename="r.csv"; filename*=UTF-8''%E6%98%9F%E7%BA%A7%E8%AF%84%E5%AE%9A%281%29.csv`,
    );
  });
});
