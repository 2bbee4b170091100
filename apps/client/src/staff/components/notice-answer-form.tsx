import { Button, Textarea, View } from '@tarojs/components';
import { NOTICE_TEXT_MAX } from '@red-butler/domain';
import { useState } from 'react';
import { noticesApi } from '../../api/notices.api';
import type { Photo, SupervisionNotice } from '../../api/api.types';
import { PhotoUploader } from '../../components/photo-uploader/photo-uploader';
import { useSubmit } from './use-submit.hook';

/** 整改答复: what the company did, with photos; sent before the deadline (again after a rejection). */
export function NoticeAnswerForm({ notice, onDone }: { notice: SupervisionNotice; onDone: (n: SupervisionNotice) => void }) {
  const [body, setBody] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [uploading, setUploading] = useState(false);
  const { busy, problem, setProblem, submit } = useSubmit<SupervisionNotice>(onDone, '已提交整改答复');
  const go = () => {
    if (body.trim().length < 2) return setProblem('请填写整改情况（至少2个字）');
    if (uploading) return setProblem('照片还在上传，请稍候');
    void submit(() => noticesApi.answer(notice.id, body.trim(), photos.map((p) => p.id)));
  };
  return (
    <View className="card notice-answer">
      <View className="field">
        <View className="field__label">整改情况</View>
        <Textarea className="textarea" placeholder="如：已更换楼道灯具12套，建立报修台账" maxlength={NOTICE_TEXT_MAX} value={body} onInput={(e) => setBody(e.detail.value)} data-testid="answer-body" />
      </View>
      <PhotoUploader label="整改照片" onChange={(list, busyUploading) => { setPhotos(list); setUploading(busyUploading); }} />
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--block btn--primary" disabled={busy} onClick={go} data-testid="answer-submit">提交整改答复</Button>
    </View>
  );
}
