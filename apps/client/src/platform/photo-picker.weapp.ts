import Taro from '@tarojs/taro';
import type { PickPhotos } from './platform.types';

export const pickPhotos: PickPhotos = async (max) => {
  if (max <= 0) return [];
  const res = await Taro.chooseMedia({ count: max, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  // sizeType is only a hint on some devices; compress again so uploads stay small on 4G.
  return Promise.all(
    res.tempFiles.map((f) =>
      Taro.compressImage({ src: f.tempFilePath, quality: 70 })
        .then((c) => c.tempFilePath)
        .catch(() => f.tempFilePath),
    ),
  );
};
