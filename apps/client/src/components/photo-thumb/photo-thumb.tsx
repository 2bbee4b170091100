import { Image, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { previewPhotos } from '../../platform/photo-preview';
import { resolvePhotoSrc } from '../../platform/photo-source';

/** A photo behind the bearer token; tap to see it full screen. */
export function PhotoThumb({ url, all }: { url: string; all?: string[] }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    resolvePhotoSrc(url).then(
      (s) => live && setSrc(s),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [url]);
  const preview = async () => {
    if (!src) return;
    const urls = await Promise.all((all ?? [url]).map((u) => resolvePhotoSrc(u).catch(() => src)));
    previewPhotos(src, urls);
  };
  if (failed) return <View className="thumb thumb--failed">图片加载失败</View>;
  return src ? <Image className="thumb" src={src} mode="aspectFill" onClick={preview} /> : <View className="thumb thumb--loading" />;
}
