import { Input, View } from '@tarojs/components';
import type { LocationFieldProps } from './location-field.types';

/** In a browser: the compound and building pickers locate the ticket; the resident adds a detail. */
export function LocationField({ value, onChange }: LocationFieldProps) {
  return (
    <View className="field">
      <View className="field__label">详细位置</View>
      <Input
        className="input"
        placeholder="如：6号楼东侧草坪旁"
        maxlength={200}
        value={value.address}
        onInput={(e) => onChange({ ...value, address: e.detail.value })}
      />
    </View>
  );
}
