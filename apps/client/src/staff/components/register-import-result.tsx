import { Text, View } from '@tarojs/components';
import type { RegisterImportResult as Result } from '../../api/api.types';

const COLUMN_LABELS: Record<string, string> = { building: '楼栋', unitNo: '房号', area: '建筑面积', ownerName: '业主姓名', idNumber: '证件号码', sold: '是否已售' };

const CODE_TEXT: Record<string, string> = { REQUIRED: '未填写', INVALID: '不正确', NOT_FOUND: '在本小区不存在', REPEATED_IN_FILE: '在文件中重复' };

/** What a register import did (or, in the preview, would do), and every refused row with its reason. */
export function RegisterImportResult({ result }: { result: Result }) {
  const s = result.summary;
  const refused = result.rows.filter((r) => r.status === 'refused');
  return (
    <View className="card register-result">
      <View data-testid="register-summary">
        {result.dryRun ? `预览：共 ${s.rows} 户，可导入 ${s.valid} 户，有误 ${s.refused} 户` : `已导入：新增 ${s.created} 户，更新 ${s.updated} 户，未变 ${s.unchanged} 户`}
      </View>
      <View className="muted">{result.compound.name} · 文件编码 {result.encoding.toUpperCase()}</View>
      {refused.map((r) => (
        <View key={r.line} className="vote-result__row" data-line={r.line}>
          <Text>第 {r.line} 行 {r.building} {r.unitNo}</Text>
          <Text className="error-text">{r.reason ? `${COLUMN_LABELS[r.reason.field] ?? r.reason.field}${CODE_TEXT[r.reason.code] ?? '有误'}` : ''}</Text>
        </View>
      ))}
      {result.dryRun && refused.length > 0 && <View className="error-text">请修改有误的行后重新选择文件：有误的文件不会导入任何一行。</View>}
    </View>
  );
}
