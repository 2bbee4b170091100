import type { PreviewPhotos } from './platform.types';

// Taro's H5 previewImage pulls ~200 KB of swiper code into every page that shows a photo; a new
// tab with the (blob) image does the job in a browser.
export const previewPhotos: PreviewPhotos = (current) => {
  window.open(current, '_blank', 'noopener');
};
