import { Text, View } from '@tarojs/components';
import type { IssuedCode as Code } from '../../../api/api.types';
import { formatTime } from '../../../lib/format.util';

/** The one-time code, shown once: the admin hands it over in person or by phone. */
export function IssuedCode({ username, code }: { username: string | null; code: Code }) {
  return (
    <View className="card issued-code" data-testid="issued-code">
      <View className="detail__section-title">{code.purpose === 'invite' ? '邀请码' : '重置码'}（仅显示一次）</View>
      <Text className="issued-code__value" data-testid="issued-code-value">{code.code}</Text>
      <View className="muted">请告知本人：在登录页点“使用验证码设置密码”，输入账号 {username ?? ''} 和此码。有效期至 {formatTime(code.expiresAt)}，只能使用一次。</View>
    </View>
  );
}
