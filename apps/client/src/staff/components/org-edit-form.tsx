import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import { errorText } from '../../api/api-error';

export interface EditField {
  key: string;
  label: string;
  value: string | number | null;
  kind?: 'text' | 'int' | 'date' | 'area';
}

/** The typed value of one input: '' clears a count or an area (null), a text stays text. */
function typed(field: EditField, raw: string): string | number | null {
  if (field.kind === 'int') return raw.trim() === '' ? null : Number(raw);
  if (field.kind === 'area') return raw.trim() === '' ? null : raw.trim();
  return raw.trim();
}

/** A small edit form: only the fields the admin changed are sent (PATCH), the API keeps the history. */
export function OrgEditForm({ fields, onSave, testId }: { fields: EditField[]; onSave: (patch: Record<string, unknown>) => Promise<unknown>; testId: string }) {
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(fields.map((f) => [f.key, f.value === null ? '' : String(f.value)])));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const save = async () => {
    const patch = Object.fromEntries(fields.filter((f) => values[f.key] !== (f.value === null ? '' : String(f.value))).map((f) => [f.key, typed(f, values[f.key])]));
    if (Object.keys(patch).length === 0) return setMessage('没有修改');
    setBusy(true);
    try {
      await onSave(patch);
      setMessage('已保存');
    } catch (error) {
      setMessage(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card" data-testid={testId}>
      {fields.map((f) => (
        <View key={f.key} className="field">
          <View className="field__label">{f.label}</View>
          <Input className="input" type={f.kind === 'int' ? 'number' : 'text'} value={values[f.key]} placeholder={f.kind === 'date' ? 'YYYY-MM-DD' : ''}
            onInput={(e) => setValues({ ...values, [f.key]: e.detail.value })} data-testid={`${testId}-${f.key}`} />
        </View>
      ))}
      <Button className="btn btn--primary btn--small" disabled={busy} onClick={() => void save()} data-testid={`${testId}-save`}>保存</Button>
      {message && <View className="muted">{message}</View>}
    </View>
  );
}
