import { Button, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { Photo } from '../../api/api.types';
import { ticketsApi } from '../../api/tickets.api';
import { PhotoUploader } from '../../components/photo-uploader/photo-uploader';
import type { ActionFormProps } from './form-props.types';
import { useSubmit } from './use-submit.hook';

/** 处理进展 (note + photos, no status change) and 办结 (note + after-photos). */
export function NoteForm({ ticket, onDone, action }: ActionFormProps & { action: 'progress' | 'resolve' }) {
  const resolve = action === 'resolve';
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [uploading, setUploading] = useState(false);
  const { busy, problem, setProblem, submit } = useSubmit(() => onDone('updated'), resolve ? '已办结' : '已记录');
  const go = () => {
    if (!note.trim()) return setProblem(resolve ? '请填写办结说明' : '请填写处理进展');
    const ids = photos.map((p) => p.id);
    void submit(() => (resolve ? ticketsApi.resolve(ticket.id, note.trim(), ids) : ticketsApi.progress(ticket.id, note.trim(), ids)));
  };
  return (
    <View className="card">
      <View className="field">
        <View className="field__label">{resolve ? '办结说明' : '处理进展'}</View>
        <Textarea
          className="textarea"
          placeholder={resolve ? '如：已更换井盖并设置警示标志' : '如：已到现场查看，配件已订购'}
          maxlength={1000}
          value={note}
          onInput={(e) => setNote(e.detail.value)}
          data-testid="note"
        />
      </View>
      <PhotoUploader label={resolve ? '办结后照片' : '现场照片'} onChange={(p, b) => (setPhotos(p), setUploading(b))} />
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy || uploading} onClick={go} data-testid="confirm">
        {uploading ? '照片上传中…' : resolve ? '确认办结' : '提交进展'}
      </Button>
    </View>
  );
}
