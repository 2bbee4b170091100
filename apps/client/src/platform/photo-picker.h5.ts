import Taro from '@tarojs/taro';
import type { PickPhotos, PreparePhoto } from './platform.types';

const MAX_SIDE = 1600;
const QUALITY = 0.8;

/** Phone photos are 3–8 MB: scale to 1600 px and re-encode as JPEG before upload. */
function compress(src: string): Promise<string> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => {
      const scale = Math.min(1, MAX_SIDE / Math.max(img.width, img.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(img.width * scale));
      canvas.height = Math.max(1, Math.round(img.height * scale));
      const ctx = canvas.getContext('2d');
      if (!ctx) return resolve(src);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      canvas.toBlob((blob) => resolve(blob ? URL.createObjectURL(blob) : src), 'image/jpeg', QUALITY);
    };
    img.onerror = () => resolve(src);
    img.src = src;
  });
}

export const pickPhotos: PickPhotos = async (max) => {
  if (max <= 0) return [];
  const res = await Taro.chooseMedia({ count: max, mediaType: ['image'], sourceType: ['album', 'camera'] });
  return res.tempFiles.slice(0, max).map((f) => f.tempFilePath);
};

export const preparePhoto: PreparePhoto = compress;
