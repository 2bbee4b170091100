import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { ApiError, errorText } from '../../../api/api-error';
import type { HotlineImportResult } from '../../../api/api.types';
import { importHotline } from '../../../api/imports.api';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { pickCsv } from '../../../platform/csv-picker';
import { ImportResult } from '../../components/import-result';

/** A refusal of the whole file, in words about the file rather than a form. */
export function fileProblemText(error: unknown): string {
  if (!(error instanceof ApiError)) return errorText(error);
  if (error.code === 'PAYLOAD_TOO_LARGE') return '文件过大，请不超过 2 MB（可分几次导入）';
  if (error.code !== 'VALIDATION_FAILED') return errorText(error);
  const fields = Array.isArray(error.details) ? (error.details as Array<{ field?: string }>).map((d) => d.field ?? '') : [];
  const columns = fields.filter((f) => f && f !== 'file');
  if (columns.length > 0) return `文件缺少必填列：${columns.join('、')}（列名见导入说明）`;
  return '无法读取文件：请上传热线平台导出的 CSV 文件（且至少有一行工单）';
}

/**
 * 12345 export → tickets. Always a preview first (dry run): staff see what would be created,
 * skipped or refused before anything is written; then one tap imports the same file.
 */
export default function ImportPage() {
  const me = useSignedIn();
  const [file, setFile] = useState<{ path: string; name: string } | null>(null);
  const [result, setResult] = useState<HotlineImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (chosen: { path: string; name: string }, dryRun: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      setResult(await importHotline(chosen.path, chosen.name, dryRun));
    } catch (error) {
      setProblem(fileProblemText(error));
    } finally {
      setBusy(false);
    }
  };

  const choose = async () => {
    const chosen = await pickCsv();
    if (!chosen) return;
    setFile(chosen);
    setResult(null);
    await run(chosen, true);
  };

  if (!me) return <Screen><View className="empty">加载中…</View></Screen>;
  return (
    <Screen>
      <View className="page-head">
        12345工单导入
        <View className="muted">选择热线平台导出的 CSV 文件（UTF-8 或 GBK），先预览，确认后导入</View>
      </View>
      <Button className="btn btn--ghost btn--block" disabled={busy} onClick={() => void choose()} data-testid="import-choose">
        {file ? `重新选择（当前：${file.name}）` : '选择文件'}
      </Button>
      {problem && <View className="error-text" data-testid="import-problem">{problem}</View>}
      {result && <ImportResult result={result} />}
      {file && result?.dryRun && result.summary.wouldCreate > 0 && (
        <Button className="btn btn--primary btn--block" disabled={busy} loading={busy} onClick={() => void run(file, false)} data-testid="import-confirm">
          确认导入 {result.summary.wouldCreate} 件
        </Button>
      )}
    </Screen>
  );
}
