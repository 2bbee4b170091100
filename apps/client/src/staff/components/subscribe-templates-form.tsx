import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { adminApi } from '../../api/admin.api';
import type { SubscribeTemplateSetting } from '../../api/api.types';
import { useSubmit } from './use-submit.hook';

export interface SubscribeTemplatesFormProps {
  templates: SubscribeTemplateSetting[];
  onSaved: (templates: SubscribeTemplateSetting[]) => void;
}

const TEMPLATE_ID = /^[A-Za-z0-9_-]{8,64}$/;
const SOURCE_LABELS: Record<SubscribeTemplateSetting['source'], string> = { setting: '后台设置', env: '部署默认（环境变量）', none: '未配置：只发站内消息' };

export function templateIdProblem(value: string): string | null {
  return value.trim() === '' || TEMPLATE_ID.test(value.trim()) ? null : '模板ID应为微信公众平台中的8–64位字母、数字、_或-';
}

/**
 * 订阅消息模板: the WeChat template ids for each push (工单状态通知, 回访邀请). A blank field goes back to
 * the deployment's default; the next push uses the saved id.
 */
export function SubscribeTemplatesForm({ templates, onSaved }: SubscribeTemplatesFormProps) {
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(templates.map((t) => [t.template, t.source === 'setting' ? t.templateId ?? '' : ''])));
  const [tried, setTried] = useState(false);
  const { busy, problem, submit } = useSubmit(onSaved, '模板已保存');
  const problems = Object.fromEntries(templates.map((t) => [t.template, templateIdProblem(draft[t.template] ?? '')]));
  const save = () => {
    setTried(true);
    if (Object.values(problems).some(Boolean)) return;
    const update = Object.fromEntries(templates.map((t) => [t.template, draft[t.template]?.trim() || null]));
    void submit(() => adminApi.setSubscribeTemplates(update));
  };
  return (
    <View className="card">
      {templates.map((t) => (
        <View key={t.template} className="field" data-template={t.template}>
          <View className="field__label">{t.label}</View>
          <View className="muted" data-testid={`template-${t.template}-current`}>
            现用：{t.templateId ?? '无'}（{SOURCE_LABELS[t.source]}）
          </View>
          <Input className="input" value={draft[t.template] ?? ''} placeholder={t.envDefault ? `留空则用部署默认 ${t.envDefault}` : '留空则不推送'}
            onInput={(e) => setDraft({ ...draft, [t.template]: e.detail.value })} data-testid={`template-${t.template}`} />
          {tried && problems[t.template] && <Text className="error-text">{problems[t.template]}</Text>}
        </View>
      ))}
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary" disabled={busy} onClick={save} data-testid="templates-save">保存</Button>
    </View>
  );
}
