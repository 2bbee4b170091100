import { Image, Text, View } from '@tarojs/components';
import { useLayoutEffect, useRef, useState } from 'react';
import { errorText } from '../../api/api-error';
import type { Photo } from '../../api/api.types';
import { uploadPhoto } from '../../api/uploads.api';
import { pickPhotos, preparePhoto } from '../../platform/photo-picker';
import { PhotoThumb } from '../photo-thumb/photo-thumb';

export const MAX_PHOTOS = 9;

interface Item {
  key: string;
  localPath?: string;
  photo?: Photo;
  progress: number;
  error?: string;
}

export interface PhotoUploaderProps {
  /** Photos already uploaded (a restored draft). */
  initial?: Photo[];
  max?: number;
  label?: string;
  onChange: (photos: Photo[], busy: boolean) => void;
}

let seq = 0;

/** Choose up to 9 photos; each is compressed, then uploaded with its progress shown on the tile. */
export function PhotoUploader({ initial = [], max = MAX_PHOTOS, label = '照片', onChange }: PhotoUploaderProps) {
  const [items, setItems] = useState<Item[]>(() => initial.map((p) => ({ key: p.id, photo: p, progress: 100 })));
  const notify = useRef(onChange);
  notify.current = onChange;

  // A layout effect, not a passive one: the form's 提交 must turn to 照片上传中… in the same commit that
  // shows the new tile, or there is a frame where a photo is uploading and 提交 still takes a tap.
  useLayoutEffect(() => {
    const done = items.flatMap((i) => (i.photo ? [i.photo] : []));
    notify.current(done, items.some((i) => !i.photo && !i.error));
  }, [items]);

  const patch = (key: string, change: Partial<Item>) =>
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const upload = async (item: Item) => {
    patch(item.key, { error: undefined, progress: 0 });
    try {
      // Compressing is part of the tile's upload: until the photo is on the server, 提交 waits.
      const ready = await preparePhoto(item.localPath as string);
      const photo = await uploadPhoto(ready, (progress) => patch(item.key, { progress }));
      patch(item.key, { photo: { id: photo.id, url: photo.url }, progress: 100 });
    } catch (error) {
      patch(item.key, { error: errorText(error) });
    }
  };

  const add = async () => {
    let paths: string[];
    try {
      paths = await pickPhotos(max - items.length);
    } catch {
      return; // cancelled
    }
    const added = paths.slice(0, max - items.length).map((localPath) => ({ key: `p${(seq += 1)}`, localPath, progress: 0 }));
    setItems((all) => [...all, ...added]);
    // One at a time: on a weak mobile network parallel uploads all crawl.
    for (const item of added) await upload(item);
  };

  const remove = (key: string) => setItems((all) => all.filter((i) => i.key !== key));
  const uploading = items.filter((i) => !i.photo && !i.error).length;

  return (
    <View className="field">
      <View className="field__label">
        {label} <Text className="muted">{items.length}/{max}</Text>
        {uploading > 0 && <Text className="muted"> · 正在上传{uploading}张</Text>}
      </View>
      <View className="photos">
        {items.map((item) => (
          <View className="photos__item" key={item.key} data-testid="photo-item">
            {item.photo && !item.localPath ? (
              <PhotoThumb url={item.photo.url} />
            ) : (
              <Image className="thumb" src={item.localPath as string} mode="aspectFill" />
            )}
            {!item.photo && !item.error && (
              <View className="photos__progress">
                <View className="photos__bar" style={{ width: `${item.progress}%` }} />
                <Text className="photos__percent">{item.progress}%</Text>
              </View>
            )}
            {item.error && (
              <View className="photos__error" onClick={() => void upload(item)}>
                上传失败，点此重试
              </View>
            )}
            <View className="photos__remove" onClick={() => remove(item.key)}>
              ×
            </View>
          </View>
        ))}
        {items.length < max && (
          <View className="photos__add" onClick={add} data-testid="photo-add">
            <Text className="photos__plus">+</Text>
            <Text className="muted">拍照/相册</Text>
          </View>
        )}
      </View>
    </View>
  );
}
