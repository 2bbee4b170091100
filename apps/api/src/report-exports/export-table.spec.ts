import { contentDisposition, formatCell, toCsv } from './export-table';
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

  it('writes the Chinese file name per RFC 5987 with an ASCII fallback', () => {
    expect(contentDisposition('r.csv', '星级评定(1).csv')).toBe(
      `attachment; filename="r.csv"; filename*=UTF-8''%E6%98%9F%E7%BA%A7%E8%AF%84%E5%AE%9A%281%29.csv`,
    );
  });
});
