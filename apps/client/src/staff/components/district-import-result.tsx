import { Text, View } from '@tarojs/components';
import type { DistrictImportResult, DistrictImportRow } from '../../api/api.types';

const REASON_ZH: Record<NonNullable<DistrictImportRow['reason']>['code'], string> = {
  REQUIRED: '未填写',
  INVALID: '格式不正确',
  NOT_FOUND: '找不到',
  AMBIGUOUS: '有重名',
  REPEATED_IN_FILE: '文件内重复',
  OUT_OF_SCOPE: '不在您维护的范围内',
  CONFLICT: '与已有数据冲突',
};

const STATUS_ZH: Record<DistrictImportRow['status'], string> = { created: '新增', updated: '更新', unchanged: '无变化', refused: '未通过' };

/** 户数 22 → 24: the fields a row changes, by the names the admin knows. */
const FIELD_ZH: Record<string, string> = {
  created: '新建', households: '户数', entrances: '单元数', floor_area_m2: '建筑面积', address: '地址', name: '名称', uscc: '信用代码',
  short_name: '简称', phone: '电话', is_fallback: '国企兜底', kind: '服务方式', ends_on: '结束日期', starts_on: '开始日期', categories: '负责类别',
};

export function rowText(row: DistrictImportRow): string {
  if (row.reason) return `${row.reason.column}${REASON_ZH[row.reason.code]}`;
  return row.changes.filter((c) => c.field !== 'created').map((c) => `${FIELD_ZH[c.field] ?? c.field} ${c.from ?? '—'} → ${c.to ?? '—'}`).join('；');
}

/** The dry run (or the import): counts, then refused rows first, each with its row number and column. */
export function DistrictImportResultView({ result }: { result: DistrictImportResult }) {
  const { summary } = result;
  const order: Record<DistrictImportRow['status'], number> = { refused: 0, created: 1, updated: 1, unchanged: 2 };
  const rows = [...result.rows].sort((a, b) => order[a.status] - order[b.status] || a.line - b.line);
  return (
    <View className="card" data-testid="district-import-result">
      <View className="section-title">{result.dryRun ? '预览（尚未写入）' : '导入结果'}</View>
      <View className="muted" data-testid="district-import-summary">
        共 {summary.rows} 行：新增 {summary.created}，更新 {summary.updated}，无变化 {summary.unchanged}，未通过 {summary.refused}
      </View>
      {rows.map((r) => (
        <View key={r.line} className="kv" data-import-line={r.line} data-import-status={r.status}>
          <Text className="kv__k">第{r.line}行 {STATUS_ZH[r.status]}</Text>
          <Text className="kv__v">{[r.key, rowText(r)].filter(Boolean).join(' ')}</Text>
          {r.reason && <Text className="muted">{r.reason.message}</Text>}
        </View>
      ))}
    </View>
  );
}
