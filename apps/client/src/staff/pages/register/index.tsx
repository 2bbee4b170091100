import { Button, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ApiError, errorText } from '../../../api/api-error';
import type { RegisterImportResult as Result } from '../../../api/api.types';
import { orgApi } from '../../../api/org.api';
import { registerApi } from '../../../api/register.api';
import { Screen } from '../../../components/screen/screen';
import { SelectField, type Option } from '../../../components/select-field/select-field';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { pickCsv } from '../../../platform/csv-picker';
import { OwnerClaims } from '../../components/owner-claims';
import { RegisterImportResult } from '../../components/register-import-result';

/** A refusal of the whole file, in words about the file. */
function fileProblemText(error: unknown): string {
  if (!(error instanceof ApiError)) return errorText(error);
  if (error.code === 'PAYLOAD_TOO_LARGE') return '文件过大，请不超过 2 MB';
  if (error.code === 'VALIDATION_FAILED') return '无法读取登记表：请检查列名（楼栋,房号,建筑面积,业主姓名,证件号码,是否已售）和每一行的内容';
  return errorText(error);
}

/**
 * 房屋登记 (community staff): import a compound's register of units (CSV, preview first, then the
 * whole file at once) and confirm residents' owner claims. The electorate of its 业主大会 votes.
 */
export default function RegisterPage() {
  const me = useSignedIn();
  const [compounds, setCompounds] = useState<Option<number>[]>([]);
  const [compoundId, setCompoundId] = useState<number>();
  const [file, setFile] = useState<{ path: string; name: string } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const claims = useScreenData(() => registerApi.claims(compoundId as number), compoundId !== undefined);
  useEffect(() => {
    if (me) orgApi.compounds().then((list) => setCompounds(list.map((c) => ({ value: c.id, label: c.name }))), (e) => setProblem(errorText(e)));
  }, [me]);
  useEffect(() => {
    if (compoundId !== undefined) void claims.reload();
  }, [compoundId]);

  const run = async (chosen: { path: string; name: string }, dryRun: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      setResult(await registerApi.import(compoundId as number, chosen.path, chosen.name, dryRun));
    } catch (error) {
      setProblem(fileProblemText(error));
    } finally {
      setBusy(false);
    }
  };
  const choose = async () => {
    if (compoundId === undefined) return setProblem('请先选择小区');
    const chosen = await pickCsv();
    if (!chosen) return;
    setFile(chosen);
    setResult(null);
    await run(chosen, true);
  };

  return (
    <Screen>
      <View className="page-head">
        房屋登记与业主认证
        <View className="muted">CSV 列：楼栋,房号,建筑面积,业主姓名,证件号码,是否已售（证件号码只用于识别同一业主，不保存）</View>
      </View>
      <SelectField label="小区" testId="register-compound" options={compounds} value={compoundId} onChange={(id) => (setCompoundId(id), setResult(null), setFile(null))} />
      <Button className="btn btn--ghost btn--block" disabled={busy} onClick={() => void choose()} data-testid="register-choose">
        {file ? `重新选择（当前：${file.name}）` : '选择登记表文件'}
      </Button>
      {problem && <View className="error-text">{problem}</View>}
      {result && <RegisterImportResult result={result} />}
      {file && result?.dryRun && result.summary.refused === 0 && (
        <Button className="btn btn--primary btn--block" disabled={busy} onClick={() => void run(file, false)} data-testid="register-confirm">
          确认导入 {result.summary.valid} 户
        </Button>
      )}
      {claims.data && <OwnerClaims claims={claims.data.items} onDecided={() => void claims.reload()} />}
    </Screen>
  );
}
