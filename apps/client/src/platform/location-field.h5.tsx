import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { LocationFieldProps } from './location-field.types';

/**
 * In a browser: the compound, its plan and the building locate the ticket; the resident adds a
 * detail. The phone's position is asked only after the resident taps 使用手机定位 — the browser's
 * permission prompt never pops up on its own.
 */
export function LocationField({ value, onChange }: LocationFieldProps) {
  const [busy, setBusy] = useState(false);
  const locate = () => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      void Taro.showToast({ title: '此浏览器不支持定位', icon: 'none' });
      return;
    }
    setBusy(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setBusy(false);
        onChange({ ...value, lat: pos.coords.latitude, lng: pos.coords.longitude });
      },
      () => {
        setBusy(false);
        void Taro.showToast({ title: '未获取到位置，可在平面图上点选', icon: 'none' });
      },
      { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 },
    );
  };
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
      {value.lat !== undefined ? (
        <View className="muted" data-testid="geo-done">已附上手机定位</View>
      ) : (
        <Button className="btn btn--ghost btn--small" disabled={busy} onClick={locate} data-testid="geo-consent">
          {busy ? '定位中…' : '同意并使用手机定位（选填）'}
        </Button>
      )}
    </View>
  );
}
