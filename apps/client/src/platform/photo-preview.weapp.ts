import Taro from '@tarojs/taro';
import type { PreviewPhotos } from './platform.types';

export const previewPhotos: PreviewPhotos = (current, urls) => {
  void Taro.previewImage({ current, urls });
};
