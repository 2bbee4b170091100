import { INSUFFICIENT_SAMPLE_ZH, STAR_LABELS_ZH } from '@red-butler/domain';
import type { QuarterRanking } from '../rankings/ranking.service';
import type { ExportTable } from './export-table';

/** 星级评定 as a table, the formula under it so the sheet explains itself at the meeting. */
export function rankingExportTable(r: QuarterRanking): ExportTable {
  const [year, q] = r.quarter.split('Q');
  const provisional = r.complete ? '' : '（季度未结束，数据为临时）';
  return {
    title: `${r.scope.name} 物业服务企业季度星级评定 ${year}年第${q}季度（${r.period.from} 至 ${r.period.to}）${provisional}`,
    sheet: '星级评定',
    columns: [
      { header: '排名', kind: 'text' },
      { header: '物业公司', kind: 'text' },
      { header: '星级', kind: 'text' },
      { header: '综合得分', kind: 'decimal' },
      { header: '按时办结率', kind: 'rate' },
      { header: '满意率', kind: 'rate' },
      { header: '投诉率（每千户）', kind: 'decimal' },
      { header: '投诉得分', kind: 'decimal' },
      { header: '参评数', kind: 'int' },
      { header: '服务户数', kind: 'int' },
      { header: '受理量', kind: 'int' },
      { header: '备注', kind: 'text' },
    ],
    rows: r.rows.map((row) => [
      row.rank === null ? '—' : String(row.rank),
      row.company.name,
      row.stars === null ? INSUFFICIENT_SAMPLE_ZH : `${'★'.repeat(row.stars)}（${STAR_LABELS_ZH[row.stars]}）`,
      row.score,
      row.onTimeResolutionRate,
      row.satisfactionRate,
      row.complaintRate,
      row.complaintScore,
      row.answered,
      row.households,
      row.received,
      row.insufficientSample
        ? `参评数少于 ${r.formula.minRated}`
        : row.missing.includes('complaintScore') ? '服务户数未知，未计投诉得分' : '',
    ]),
    notes: [`评分办法：${r.formula.zh}`],
  };
}
