import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { HOME_PAGE } from '../nav-bar/nav-bar';

/** 内容不存在 (a 404 answer) or 页面找不到 (an unknown route): never a dead end. */
export function NotFound({ title = '页面找不到了', detail = '链接可能有误，或内容已被删除。' }: { title?: string; detail?: string }) {
  return (
    <View className="not-found" data-testid="not-found">
      <Text className="not-found__icon" aria-hidden>🧭</Text>
      <Text className="not-found__title">{title}</Text>
      <Text className="muted">{detail}</Text>
      <Button className="btn btn--primary btn--block" onClick={() => void Taro.reLaunch({ url: HOME_PAGE })} data-testid="go-home">
        回到首页
      </Button>
    </View>
  );
}
