import Taro from '@tarojs/taro';
import { authHeader } from '../api/http.client';
import type { ResolvePhotoSrc } from './platform.types';

const cache = new Map<string, Promise<string>>();

// <image> cannot send the bearer token: download with it and show the temp file.
export const resolvePhotoSrc: ResolvePhotoSrc = (url) => {
  if (!url.startsWith('/api/')) return Promise.resolve(url);
  if (!cache.has(url)) {
    const load = Taro.downloadFile({ url: `${API_ORIGIN}${url}`, header: authHeader() }).then((res) => {
      if (res.statusCode !== 200) throw new Error(`photo ${res.statusCode}`);
      return res.tempFilePath;
    });
    cache.set(url, load.catch((e) => (cache.delete(url), Promise.reject(e))));
  }
  return cache.get(url) as Promise<string>;
};
