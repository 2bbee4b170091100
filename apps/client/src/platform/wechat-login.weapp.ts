import Taro from '@tarojs/taro';
import type { WechatCode } from './platform.types';

export const wechatLoginAvailable = true;

export const wechatCode: WechatCode = async () => {
  const { code } = await Taro.login();
  return code || null;
};
