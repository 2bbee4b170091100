import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { ApiError, errorText } from '../../../api/api-error';
import type { DistrictImportKind, DistrictImportResult } from '../../../api/api.types';
import { districtApi } from '../../../api/district.api';
import { Screen } from '../../../components/screen/screen';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { pickSheet } from '../../../platform/sheet-picker';
import { DistrictImportResultView } from '../../components/district-import-result';
import { ExportButtons } from '../../components/export-buttons';

export const KINDS: Array<{ kind: DistrictImportKind; label: string; hint: string }> = [
  { kind: 'org', label: '组织架构', hint: '街道、社区、网格、小区、楼栋，户数、单元数、建筑面积' },
  { kind: 'companies', label: '物业公司', hint: '统一社会信用代码（校验位）、名称、电话、国企兜底' },
  { kind: 'contracts', label: '物业合同', hint: '社区、小区、物业公司、服务方式、起止日期' },
  { kind: 'departments', label: '职能部门', hint: '部门名称、负责的问题类别' },
];

/** A refusal of the whole file, in words about the file. */
export function fileProblemText(error: unknown): string {
  if (!(error instanceof ApiError)) return errorText(error);
  if (error.code === 'PAYLOAD_TOO_LARGE') return '文件过大，请不超过 4 MB（可分几次导入）';
  if (error.code === 'FORBIDDEN') return '只有区级管理员可以导入物业公司和职能部门';
  if (error.code !== 'VALIDATION_FAILED') return errorText(error);
  const missing = /missing column\(s\) ([^—]+)/.exec(error.detail);
  if (missing) return `文件缺少必填列：${missing[1].trim()}（请使用下载的模板）`;
  if (/row\(s\) refused/.test(error.detail)) return '有未通过的行，全部未写入：请按预览修改后重新上传';
  return '无法读取文件：请上传 Excel（.xlsx）或 CSV（UTF-8 或 GBK）文件，第一行为表头';
}

/**
 * 辖区数据导入 (admins): the district's own spreadsheets in. Download the template, fill it, upload;
 * the preview (dry run) answers every row; 确认导入 writes the same file in one go, or nothing.
 */
export default function DistrictImportPage() {
  const me = useSignedIn();
  const [kind, setKind] = useState<DistrictImportKind>('org');
  const [file, setFile] = useState<{ path: string; name: string } | null>(null);
  const [result, setResult] = useState<DistrictImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (chosen: { path: string; name: string }, dryRun: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      setResult(await districtApi.import(kind, chosen.path, chosen.name, dryRun));
    } catch (error) {
      setProblem(fileProblemText(error));
    } finally {
      setBusy(false);
    }
  };
  const choose = async () => {
    const chosen = await pickSheet();
    if (!chosen) return;
    setFile(chosen);
    setResult(null);
    await run(chosen, true);
  };
  const switchKind = (k: DistrictImportKind) => {
    setKind(k);
    setFile(null);
    setResult(null);
    setProblem(null);
  };

  if (!me) return <Screen><View className="empty">加载中…</View></Screen>;
  const current = KINDS.find((k) => k.kind === kind) ?? KINDS[0];
  const changes = result ? result.summary.created + result.summary.updated : 0;
  return (
    <Screen>
      <View className="page-head">
        辖区数据导入
        <View className="muted">下载模板填写后上传，先预览每一行，确认后一次性导入（有一行不通过则全部不写入）</View>
      </View>
      <View className="chips" data-testid="district-import-kinds">
        {KINDS.map((k) => (
          <Button key={k.kind} className={`btn btn--small ${k.kind === kind ? 'btn--primary' : 'btn--ghost'}`} data-kind={k.kind} onClick={() => switchKind(k.kind)}>{k.label}</Button>
        ))}
      </View>
      <View className="card">
        <View className="section-title">{current.label}模板</View>
        <View className="muted">{current.hint}</View>
        <ExportButtons testId="district-import-template" path={(f) => districtApi.templatePath(kind, f)} filename={(f) => `${current.label}导入模板.${f}`} labels={{ xlsx: '下载 Excel 模板', csv: '下载 CSV 模板' }} />
      </View>
      <Button className="btn btn--ghost btn--block" disabled={busy} onClick={() => void choose()} data-testid="district-import-choose">
        {file ? `重新选择（当前：${file.name}）` : '选择文件（Excel 或 CSV）'}
      </Button>
      {problem && <View className="error-text" data-testid="district-import-problem">{problem}</View>}
      {result && <DistrictImportResultView result={result} />}
      {file && result?.dryRun && result.summary.refused === 0 && changes > 0 && (
        <Button className="btn btn--primary btn--block" disabled={busy} loading={busy} onClick={() => void run(file, false)} data-testid="district-import-confirm">
          确认导入（新增 {result.summary.created}，更新 {result.summary.updated}）
        </Button>
      )}
      {file && result?.dryRun && result.summary.refused > 0 && (
        <View className="muted" data-testid="district-import-blocked">有 {result.summary.refused} 行未通过：请修改文件后重新选择</View>
      )}
    </Screen>
  );
}
