import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { errorText } from '../../api/api-error';
import { uploadPhoto } from '../../api/uploads.api';
import { pickPdf } from '../../platform/pdf-picker';

export interface AttachedPdf {
  id: string;
  name: string;
}

export interface PdfAttachmentProps {
  label?: string;
  /** A PDF already attached (a draft being edited). */
  initial?: AttachedPdf | null;
  onChange: (pdf: AttachedPdf | null, busy: boolean) => void;
  testId?: string;
}

/**
 * One PDF (a contract, a price-bureau document, scanned receipts): "添加PDF" picks and uploads it
 * (the API checks it is a plain PDF of at most 5 MB), then it shows as a named chip that can be removed.
 */
export function PdfAttachment({ label = 'PDF 附件', initial = null, onChange, testId = 'pdf' }: PdfAttachmentProps) {
  const [pdf, setPdf] = useState<AttachedPdf | null>(initial);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const add = async () => {
    const picked = await pickPdf();
    if (!picked) return;
    setProblem(null);
    setBusy(true);
    onChange(pdf, true);
    try {
      const up = await uploadPhoto(picked.path);
      const next = { id: up.id, name: picked.name };
      setPdf(next);
      onChange(next, false);
    } catch (e) {
      setProblem(`PDF 上传失败：${errorText(e)}`);
      onChange(pdf, false);
    } finally {
      setBusy(false);
    }
  };
  const remove = () => {
    setPdf(null);
    onChange(null, false);
  };
  return (
    <View className="field pdf-attachment">
      <View className="field__label">{label}</View>
      {pdf ? (
        <View className="chip pdf-attachment__chip" data-testid={`${testId}-chip`}>
          <Text>📄 {pdf.name}</Text>
          <Text className="link" onClick={remove} data-testid={`${testId}-remove`}> ✕ 移除</Text>
        </View>
      ) : (
        <Button className="btn" size="mini" disabled={busy} onClick={() => void add()} data-testid={`${testId}-add`}>
          {busy ? '上传中…' : '添加PDF'}
        </Button>
      )}
      {problem && <View className="error-text">{problem}</View>}
    </View>
  );
}
