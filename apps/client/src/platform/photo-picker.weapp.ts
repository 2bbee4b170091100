import Taro from '@tarojs/taro';
import type { PickPhotos, PreparePhoto } from './platform.types';

export const pickPhotos: PickPhotos = async (max) => {
  if (max <= 0) return [];
  const res = await Taro.chooseMedia({ count: max, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  return res.tempFiles.map((f) => f.tempFilePath);
};

// sizeType is only a hint on some devices; compress again so uploads stay small on 4G.
export const preparePhoto: PreparePhoto = (path) =>
  Taro.compressImage({ src: path, quality: 70 })
    .then((c) => c.tempFilePath)
    .catch(() => path);
