import Taro from '@tarojs/taro';

const KEY = 'rb.token';

// Kept in memory as well, so every request does not wait on storage.
let cached: string | null | undefined;

export function getToken(): string | null {
  if (cached === undefined) {
    try {
      cached = (Taro.getStorageSync(KEY) as string) || null;
    } catch {
      cached = null;
    }
  }
  return cached;
}

export async function setToken(token: string): Promise<void> {
  cached = token;
  await Taro.setStorage({ key: KEY, data: token });
}

export async function clearToken(): Promise<void> {
  cached = null;
  await Taro.removeStorage({ key: KEY }).catch(() => undefined);
}
