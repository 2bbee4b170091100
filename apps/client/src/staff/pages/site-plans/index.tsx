import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ApiError, errorText } from '../../../api/api-error';
import type { Compound, SitePlanDoc } from '../../../api/api.types';
import { orgApi } from '../../../api/org.api';
import { loadCompoundPlan, sitePlansApi } from '../../../api/site-plans.api';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { Screen } from '../../../components/screen/screen';
import { SelectField } from '../../../components/select-field/select-field';
import { SitePlanImage } from '../../../components/site-plan/site-plan-image';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { formatTime } from '../../../lib/format.util';
import { parsePlanText, planProblemText } from '../../../lib/site-plan-problem.util';
import { EXPORT_JSON_LABEL, exportJson, pickJsonText } from '../../../platform/json-file';

/** The API's refusal of a plan: its first problem by field path, in Chinese; anything else as usual. */
function saveProblemText(error: unknown): string {
  if (error instanceof ApiError && error.status === 400) {
    const first = Array.isArray(error.details) ? (error.details as Array<{ field?: unknown; message?: unknown }>)[0] : undefined;
    if (first && typeof first.field === 'string' && typeof first.message === 'string') return `保存被拒绝：${planProblemText({ field: first.field, message: first.message })}`;
    return `保存被拒绝：${error.detail || error.message}`;
  }
  return errorText(error);
}

const summary = (plan: SitePlanDoc) => `${plan.width} × ${plan.height} 米 · 楼栋 ${plan.buildings.length} 栋 · 大门 ${(plan.gates ?? []).length} 个`;

/**
 * 小区平面图 (admins): the compound's plan as data. See the current one, take it out as JSON to edit
 * offline, bring a new one in (file or paste), see it drawn and checked here exactly as the API will
 * check it, then save it.
 */
export default function SitePlansPage() {
  const me = useSignedIn();
  const [compounds, setCompounds] = useState<Compound[] | null>(null);
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<SitePlanDoc | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (me) orgApi.compounds().then(setCompounds, () => setCompounds([]));
  }, [me]);
  const compoundId = picked ?? compounds?.[0]?.id;
  const current = useScreenData(
    async () => (compoundId ? { compoundId, loaded: (await loadCompoundPlan(compoundId)).plan } : null),
    !!me && !!compoundId,
  );
  // A stale answer for the compound picked before must not show under the new name.
  const shown = current.data && current.data.compoundId === compoundId ? current.data.loaded : null;
  const compound = compounds?.find((c) => c.id === compoundId);

  const resetDraft = () => {
    setText('');
    setPreview(null);
    setProblem(null);
    setSaved(null);
  };
  const check = (source: string) => {
    setSaved(null);
    const parsed = parsePlanText(source);
    setPreview(parsed.plan ?? null);
    setProblem(parsed.problem ?? null);
  };
  const choose = async () => {
    const file = await pickJsonText().catch(() => null);
    if (!file) return;
    setText(file.text);
    check(file.text);
  };
  const download = async () => {
    if (!shown || !compound) return;
    await exportJson(`${compound.name}-平面图-第${shown.revision}版.json`, JSON.stringify(shown.plan, null, 2));
    if (EXPORT_JSON_LABEL.startsWith('复制')) void Taro.showToast({ title: '已复制', icon: 'success' });
  };
  const save = async () => {
    if (!preview || !compoundId) return;
    setBusy(true);
    setProblem(null);
    try {
      const stored = await sitePlansApi.save(compoundId, preview);
      current.setData({ compoundId, loaded: stored });
      setText('');
      setPreview(null);
      setSaved(`已保存为第 ${stored.revision} 版`);
    } catch (error) {
      setProblem(saveProblemText(error));
    } finally {
      setBusy(false);
    }
  };

  if (!me) return <Screen><View className="empty">加载中…</View></Screen>;
  return (
    <Screen>
      <View className="page-head">
        小区平面图
        <View className="muted">下载当前平面图（JSON）离线修改，再上传或粘贴；先预览检查，确认无误后保存</View>
      </View>
      {compounds && compounds.length === 0 && <EmptyState text="没有可管理的小区" />}
      {compounds && compounds.length > 0 && (
        <View className="card">
          <SelectField
            label="小区"
            options={compounds.map((c) => ({ value: c.id, label: c.name, hint: c.communityName }))}
            value={compoundId}
            onChange={(id) => { setPicked(id); resetDraft(); }}
            testId="site-plans-compound"
          />
        </View>
      )}
      {current.problem && <View className="error-text">{current.problem}</View>}
      {current.data && !shown && compoundId && current.data.compoundId === compoundId && <EmptyState text="该小区还没有平面图，可在下方上传" />}
      {shown && (
        <View className="card" data-testid="site-plans-current">
          <View className="section-title">当前平面图</View>
          <View className="muted" data-testid="site-plans-revision">第 {shown.revision} 版 · 更新于 {formatTime(shown.updatedAt)}</View>
          <View className="muted">{summary(shown.plan)}</View>
          <SitePlanImage id="site-plans-current-image" plan={shown.plan} alt="当前平面图" />
          <Button className="btn btn--ghost" onClick={() => void download()} data-testid="site-plans-export">{EXPORT_JSON_LABEL}</Button>
        </View>
      )}
      {compoundId && (
        <View className="card">
          <View className="section-title">上传新平面图</View>
          <View className="muted">选择 JSON 文件，或把 JSON 粘贴到下面，点“预览”检查</View>
          <Button className="btn btn--ghost" onClick={() => void choose()} data-testid="site-plans-choose">选择 JSON 文件</Button>
          <Textarea
            className="textarea"
            maxlength={-1}
            value={text}
            placeholder='粘贴平面图 JSON，如 {"width": 240, "height": 200, …}'
            onInput={(e) => { setText(e.detail.value); setPreview(null); setProblem(null); }}
            data-testid="site-plans-text"
          />
          <Button className="btn btn--ghost" disabled={!text.trim()} onClick={() => check(text)} data-testid="site-plans-check">预览</Button>
          {problem && <View className="error-text" data-testid="site-plans-problem">{problem}</View>}
          {saved && <View className="muted" data-testid="site-plans-saved">{saved}</View>}
          {preview && (
            <View data-testid="site-plans-preview">
              <View className="section-title">预览（尚未保存）</View>
              <Text className="muted">{summary(preview)}</Text>
              <SitePlanImage id="site-plans-preview-image" plan={preview} alt="新平面图预览" />
              <Button className="btn btn--primary" disabled={busy} onClick={() => void save()} data-testid="site-plans-save">保存为新版本</Button>
            </View>
          )}
        </View>
      )}
    </Screen>
  );
}
