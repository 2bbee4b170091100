import { Text, View } from '@tarojs/components';
import { setElderMode, useElderMode } from '../../state/elder-mode.store';
import { signOut } from '../../state/session.store';

/** 长辈模式 on/off (a named switch, 48 px and up) and sign-out: on home and on 我的. */
export function SettingsCard() {
  const elder = useElderMode();
  return (
    <View className="card settings">
      <View className="settings__row">
        <View>
          <Text className="settings__label" id="elder-label">长辈模式</Text>
          <Text className="settings__hint">字体更大、对比更强、按钮更大</Text>
        </View>
        <View
          className={`toggle ${elder ? 'toggle--on' : ''}`}
          role="switch"
          aria-checked={elder}
          aria-label="长辈模式"
          onClick={() => void setElderMode(!elder)}
          data-testid="elder-switch"
        >
          <View className="toggle__knob" />
        </View>
      </View>
      <View className="settings__row settings__row--link" role="button" onClick={() => void signOut()} data-testid="sign-out">
        <Text>退出登录</Text>
        <Text className="muted" aria-hidden>›</Text>
      </View>
    </View>
  );
}
