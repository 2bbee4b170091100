import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorText } from '../../api/api-error';
import type { TokenResponse } from '../../api/api.types';
import { authApi } from '../../api/auth.api';
import { Screen } from '../../components/screen/screen';
import { wechatCode, wechatLoginAvailable } from '../../platform/wechat-login';
import { signIn } from '../../state/session.store';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { RedeemForm } from './redeem-form';

export default function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [redeeming, setRedeeming] = useState(false);

  const enter = async (obtain: () => Promise<TokenResponse | null>) => {
    setBusy(true);
    setProblem(null);
    try {
      const token = await obtain();
      if (!token) return;
      await signIn(token);
      await Taro.reLaunch({ url: '/pages/index/index' });
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const wechat = () =>
    enter(async () => {
      const code = await wechatCode();
      return code ? authApi.wechat(code) : null;
    });

  const password_ = () => {
    if (!username.trim() || !password) {
      setProblem('请输入账号和密码');
      return;
    }
    void enter(() => authApi.login(username.trim(), password));
  };

  return (
    <Screen className="login" bare>
      <View className="login__brand">
        <Text className="login__logo">红管家</Text>
        <Text className="login__slogan">群众点单 · 社区派单 · 物业接单</Text>
      </View>

      {wechatLoginAvailable && (
        <View className="card">
          <Button className="btn btn--primary btn--block" disabled={busy} onClick={wechat}>
            微信一键登录（居民）
          </Button>
        </View>
      )}

      <View className="card">
        <View className="section-title">{wechatLoginAvailable ? '工作人员登录' : '账号登录'}</View>
        <View className="field">
          <Input className="input" placeholder="账号" value={username} onInput={(e) => setUsername(e.detail.value)} data-testid="username" />
        </View>
        <View className="field">
          <Input className="input" password placeholder="密码" value={password} onInput={(e) => setPassword(e.detail.value)} data-testid="password" />
        </View>
        {problem && <View className="error-text">{problem}</View>}
        <Button className="btn btn--primary btn--block" disabled={busy} onClick={password_} data-testid="login-submit">
          登录
        </Button>
        <View className="login__link" onClick={() => setRedeeming(!redeeming)} data-testid="redeem-toggle">
          <Text className="muted">{redeeming ? '收起' : '首次登录或忘记密码？使用验证码设置密码'}</Text>
        </View>
      </View>

      {redeeming && <RedeemForm onSignedIn={async (token) => void (await enter(async () => token))} />}

      {DEMO_MODE && (
        <View className="card">
          <View className="section-title">演示账号（免密登录）</View>
          <View className="demo-list">
            {DEMO_ACCOUNTS.map((a) => (
              <View key={a.username} className="demo-list__item" data-username={a.username} onClick={() => void enter(() => authApi.devLogin(a.username))}>
                <Text className="demo-list__role">{a.label}</Text>
                <Text className="muted">{a.scope}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
    </Screen>
  );
}
