/**
 * The 12345 export's columns as this import reads them (docs/hotline-import.md). Headers are
 * matched after trimming, by the name or one of its aliases (the provincial platforms differ a
 * little); other columns are ignored.
 */
export const HOTLINE_COLUMNS = {
  caseNo: { header: '工单编号', aliases: ['工单号', '案件编号', '12345工单编号'], required: true },
  calledAt: { header: '来电时间', aliases: ['受理时间', '来电日期'], required: true },
  callerName: { header: '来电人', aliases: ['来电人姓名', '诉求人', '姓名'], required: false },
  phone: { header: '来电号码', aliases: ['联系电话', '联系方式', '电话'], required: false },
  category: { header: '问题类别', aliases: ['诉求类别', '事项类别', '类别'], required: true },
  community: { header: '社区', aliases: ['所属社区'], required: false },
  compound: { header: '小区', aliases: ['小区名称'], required: true },
  building: { header: '楼栋', aliases: ['楼号'], required: false },
  address: { header: '详细地址', aliases: ['地址', '事发地址'], required: false },
  description: { header: '诉求内容', aliases: ['问题描述', '来电内容', '内容'], required: true },
} as const;

export type HotlineField = keyof typeof HOTLINE_COLUMNS;

export type HotlineRow = { [K in HotlineField]: string };

/** Where each field sits in the header; the headers of missing required columns. */
export function mapHeader(cells: string[]): { index: Partial<Record<HotlineField, number>>; missing: string[] } {
  const names = cells.map((c) => c.trim());
  const index: Partial<Record<HotlineField, number>> = {};
  const missing: string[] = [];
  for (const [field, column] of Object.entries(HOTLINE_COLUMNS) as Array<[HotlineField, (typeof HOTLINE_COLUMNS)[HotlineField]]>) {
    const at = names.findIndex((n) => n === column.header || (column.aliases as readonly string[]).includes(n));
    if (at >= 0) index[field] = at;
    else if (column.required) missing.push(column.header);
  }
  return { index, missing };
}

export function readRow(cells: string[], index: Partial<Record<HotlineField, number>>): HotlineRow {
  const row = {} as HotlineRow;
  for (const field of Object.keys(HOTLINE_COLUMNS) as HotlineField[]) {
    const at = index[field];
    row[field] = at === undefined ? '' : (cells[at] ?? '').trim();
  }
  return row;
}

/**
 * 来电时间 as the exports write it — `2026-11-25 09:30`, `2026/11/25 9:30:05` — in Beijing time,
 * or ISO 8601 with an offset. Null when it is not a real instant.
 */
export function parseCallTime(value: string): Date | null {
  const local = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (local) {
    const [y, mo, d, h, mi, s] = local.slice(1).map((x) => Number(x ?? 0));
    const at = new Date(Date.UTC(y, mo - 1, d, h - 8, mi, s));
    const back = new Date(at.getTime() + 8 * 3_600_000);
    const real = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
    return real ? at : null;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? null : at;
  }
  return null;
}

/** `0951-5012360`, `138 1234 5678`, `+86 13812345678` → digits as the ticket stores them. */
export function normalizePhone(value: string): string {
  return value.replace(/[\s-]/g, '').replace(/^(\+?86)(1\d{10})$/, '$2');
}
