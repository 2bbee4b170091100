import { authHeader } from '../api/http.client';
import type { ResolvePhotoSrc } from './platform.types';

const cache = new Map<string, Promise<string>>();

// An <img> cannot send the bearer token: fetch the bytes and show them as a blob URL.
export const resolvePhotoSrc: ResolvePhotoSrc = (url) => {
  if (url.startsWith('blob:') || url.startsWith('data:')) return Promise.resolve(url);
  if (!cache.has(url)) {
    const load = fetch(`${API_ORIGIN}${url}`, { headers: authHeader() })
      .then((res) => {
        if (!res.ok) throw new Error(`photo ${res.status}`);
        return res.blob();
      })
      .then((blob) => URL.createObjectURL(blob));
    cache.set(url, load.catch((e) => (cache.delete(url), Promise.reject(e))));
  }
  return cache.get(url) as Promise<string>;
};
