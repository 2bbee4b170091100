import type { SlaFigures } from '@red-butler/domain';
import type { ReportScope } from '../reports/report-scope';
import { SLA_DEFINITIONS } from '../reports/sla-figures';
import type { ReportGroupBy } from '../reports/sla-report.sql';
import type { ColumnKind, ExportTable } from './export-table';

export const GROUP_LABELS: Record<ReportGroupBy, string> = {
  street: '街道',
  community: '社区',
  company: '物业公司',
  department: '职能部门',
  category: '类别',
  channel: '受理渠道',
};

const INTERVAL_LABELS: Record<string, string> = { day: '按日', week: '按周', month: '按月' };

/** The short Chinese name of a figure: its definition up to the colon or the equals sign. */
export function figureLabel(key: keyof SlaFigures): string {
  const zh = SLA_DEFINITIONS[key].zh;
  const cut = [zh.indexOf('：'), zh.indexOf(' =')].filter((i) => i > 0);
  const label = cut.length ? zh.slice(0, Math.min(...cut)) : zh;
  return key === 'complaintRate' ? `${label}（每千户）` : label;
}

function kindOf(key: keyof SlaFigures): ColumnKind {
  if (key === 'complaintRate' || key.endsWith('Minutes')) return 'decimal';
  if (key.endsWith('Rate')) return 'rate';
  return 'int';
}

export const FIGURE_KEYS = Object.keys(SLA_DEFINITIONS) as Array<keyof SlaFigures>;

interface SlaReportAnswer {
  period: { from: string; to: string };
  scope: ReportScope;
  groupBy: ReportGroupBy | null;
  interval: string | null;
  // A channel group's id is its code (`hotline_12345`), every other group's a number.
  rows: Array<SlaFigures & { group: { id: number | string | null; name: string | null }; bucket: string }>;
  totals: SlaFigures;
}

/** The SLA report as one table: a row per group × bucket, then the totals row. */
export function slaExportTable(r: SlaReportAnswer): ExportTable {
  const by = r.groupBy ? `按${GROUP_LABELS[r.groupBy]}` : '';
  const every = r.interval ? INTERVAL_LABELS[r.interval] : '';
  const grouping = [by, every].filter(Boolean).join('、');
  const title = `${r.scope.name} SLA报表 ${r.period.from} 至 ${r.period.to}${grouping ? `（${grouping}）` : ''}`;
  const lead = [
    { header: r.groupBy ? GROUP_LABELS[r.groupBy] : '范围', kind: 'text' as const },
    ...(r.interval ? [{ header: '期间起始', kind: 'text' as const }] : []),
  ];
  const figures = (f: SlaFigures) => FIGURE_KEYS.map((k) => f[k]);
  return {
    title,
    sheet: 'SLA报表',
    columns: [...lead, ...FIGURE_KEYS.map((k) => ({ header: figureLabel(k), kind: kindOf(k) }))],
    rows: [
      ...r.rows.map((row) => [row.group.name ?? '', ...(r.interval ? [row.bucket] : []), ...figures(row)]),
      ['合计', ...(r.interval ? [`${r.period.from} 至 ${r.period.to}`] : []), ...figures(r.totals)],
    ],
  };
}
