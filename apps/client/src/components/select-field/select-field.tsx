import { ScrollView, Text, View } from '@tarojs/components';
import { useState } from 'react';

export interface Option<T> {
  value: T;
  label: string;
  hint?: string;
}

export interface SelectFieldProps<T> {
  label: string;
  placeholder?: string;
  options: Option<T>[];
  value: T | undefined;
  onChange: (value: T) => void;
  testId?: string;
}

/** A field that opens a bottom sheet of choices: the same on WeChat, H5 and in tests. */
export function SelectField<T extends string | number>({ label, placeholder = '请选择', options, value, onChange, testId }: SelectFieldProps<T>) {
  const [open, setOpen] = useState(false);
  const current = options.find((o) => o.value === value);
  return (
    <View className="field">
      <View className="field__label">{label}</View>
      <View className="select" onClick={() => setOpen(true)} data-testid={testId}>
        <Text className={current ? '' : 'muted'}>{current ? current.label : placeholder}</Text>
        <Text className="select__arrow">›</Text>
      </View>
      {open && (
        <View className="sheet" onClick={() => setOpen(false)}>
          <View className="sheet__panel" onClick={(e) => e.stopPropagation()}>
            <View className="sheet__title">{label}</View>
            <ScrollView scrollY className="sheet__list">
              {options.map((o) => (
                <View
                  key={String(o.value)}
                  className={`sheet__option ${o.value === value ? 'sheet__option--on' : ''}`}
                  onClick={() => {
                    onChange(o.value);
                    setOpen(false);
                  }}
                >
                  <Text>{o.label}</Text>
                  {o.hint && <Text className="muted sheet__hint">{o.hint}</Text>}
                </View>
              ))}
            </ScrollView>
            <View className="sheet__cancel" onClick={() => setOpen(false)}>
              取消
            </View>
          </View>
        </View>
      )}
    </View>
  );
}
