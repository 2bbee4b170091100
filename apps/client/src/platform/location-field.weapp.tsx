import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LocationFieldProps } from './location-field.types';

/** On WeChat: pick the spot on the map (chooseLocation), or take the current position. */
export function LocationField({ value, onChange }: LocationFieldProps) {
  const choose = async () => {
    try {
      const res = await Taro.chooseLocation({});
      onChange({ lat: res.latitude, lng: res.longitude, address: [res.address, res.name].filter(Boolean).join(' ') });
    } catch {
      // Map picker unavailable or cancelled: fall back to the GPS position.
      try {
        const pos = await Taro.getLocation({ type: 'gcj02' });
        onChange({ ...value, lat: pos.latitude, lng: pos.longitude });
      } catch {
        void Taro.showToast({ title: '未获取到位置，可手动填写', icon: 'none' });
      }
    }
  };
  return (
    <View className="field">
      <View className="field__label">位置</View>
      <Button className="btn btn--ghost btn--small" onClick={choose}>
        {value.lat !== undefined ? '重新选择位置' : '在地图上选择位置'}
      </Button>
      <Input
        className="input"
        placeholder="详细位置，如：6号楼东侧草坪旁"
        maxlength={200}
        value={value.address}
        onInput={(e) => onChange({ ...value, address: e.detail.value })}
      />
    </View>
  );
}
