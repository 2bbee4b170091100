import type { WechatCode } from './platform.types';

// In a browser there is no wx.login: residents and staff sign in with a password (or a demo account).
export const wechatLoginAvailable = false;

export const wechatCode: WechatCode = async () => null;
