import { Text, View } from '@tarojs/components';
import type { HotlineImportResult, HotlineImportRow } from '../../api/api.types';

const REASON_ZH: Record<NonNullable<HotlineImportRow['reason']>['code'], string> = {
  REQUIRED: '未填写',
  INVALID: '格式不正确',
  NOT_FOUND: '找不到',
  AMBIGUOUS: '有重名，请补充社区',
  OUT_OF_SCOPE: '不在您的辖区',
  ALREADY_IMPORTED: '已录入过',
  REPEATED_IN_FILE: '文件内重复',
};

const STATUS_ZH: Record<HotlineImportRow['status'], string> = {
  created: '已创建',
  would_create: '将创建',
  skipped: '跳过',
  refused: '未导入',
};

/** 来电号码 / 问题类别 … and why, in the words the staff know from the export. */
export function rowReasonText(row: HotlineImportRow): string | null {
  if (!row.reason) return null;
  const what = REASON_ZH[row.reason.code];
  if (row.reason.code === 'REPEATED_IN_FILE') return `${what}（${row.reason.message.replace(/^.*line (\d+).*$/, '同第$1行')}）`;
  return row.reason.field ? `${row.reason.field}${what}` : what;
}

/** The answer of a dry run or an import: the counts, then every row that needs a look first. */
export function ImportResult({ result }: { result: HotlineImportResult }) {
  const { summary } = result;
  const order: Record<HotlineImportRow['status'], number> = { refused: 0, skipped: 1, would_create: 2, created: 2 };
  const rows = [...result.rows].sort((a, b) => order[a.status] - order[b.status] || a.line - b.line);
  return (
    <View className="card" data-testid="import-result">
      <View className="section-title">{result.dryRun ? '预览（尚未导入）' : '导入结果'}</View>
      <View className="muted" data-testid="import-summary">
        共 {summary.rows} 行：{result.dryRun ? `将创建 ${summary.wouldCreate}` : `已创建 ${summary.created}`}，跳过 {summary.skipped}，未导入 {summary.refused}
      </View>
      {rows.map((r) => (
        <View key={r.line} className="kv" data-import-line={r.line} data-import-status={r.status}>
          <Text className="kv__k">第{r.line}行 {STATUS_ZH[r.status]}</Text>
          <Text className="kv__v">
            {[r.hotlineCaseNo, r.ticket ? `→ ${r.ticket.no}` : null, rowReasonText(r)].filter(Boolean).join(' ')}
          </Text>
        </View>
      ))}
    </View>
  );
}
