import { Button, Input, Textarea, View } from '@tarojs/components';
import { BOARD_NOTICE_KIND_LABELS, BOARD_NOTICE_KINDS, MONEY_PATTERN, type BoardNoticeKind } from '@red-butler/domain';
import { useState } from 'react';
import type { NewNotice, NoticeDraft, Photo } from '../../api/api.types';
import { disclosuresApi } from '../../api/disclosures.api';
import { PdfAttachment, type AttachedPdf } from '../../components/pdf-attachment/pdf-attachment';
import { PhotoUploader } from '../../components/photo-uploader/photo-uploader';
import { SelectField } from '../../components/select-field/select-field';
import { useSubmit } from './use-submit.hook';

/** Amount rows as lines "项目｜金额" (yuan, at most two decimals). */
export function parseAmountLines(text: string): { amounts: NewNotice['amounts']; problem: string | null } {
  const amounts: NewNotice['amounts'] = [];
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const parts = line.split(/[|｜]/).map((p) => p.trim());
    if (parts.length !== 2 || !parts[0]) return { amounts, problem: `金额明细第${i + 1}行应为“项目｜金额”` };
    if (!MONEY_PATTERN.test(parts[1])) return { amounts, problem: `金额明细第${i + 1}行的金额应为数字，最多两位小数` };
    amounts.push({ item: parts[0], amount: parts[1] });
  }
  if (amounts.length === 0) return { amounts, problem: '请至少填写一项金额明细' };
  return { amounts, problem: null };
}

export interface NoticeDraftFormProps {
  compoundId: number;
  /** The month preselected (the last one), injectable for tests. */
  month: string;
  /** Set when correcting a published notice: the new one names it. */
  correctsId?: number;
  onDrafted: (d: NoticeDraft) => void;
}

/** 业委会 公示: kind, month, title, text, amount rows, photos and a PDF; community review follows, then it cannot be changed. */
export function NoticeDraftForm({ compoundId, month: initialMonth, correctsId, onDrafted }: NoticeDraftFormProps) {
  const [kind, setKind] = useState<BoardNoticeKind>('fund_spending');
  const [month, setMonth] = useState(initialMonth);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [lines, setLines] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [uploading, setUploading] = useState(false);
  const [pdf, setPdf] = useState<AttachedPdf | null>(null);
  const [pdfBusy, setPdfBusy] = useState(false);
  const { busy, problem, setProblem, submit } = useSubmit<NoticeDraft>(onDrafted, '已提交社区审核');
  const send = () => {
    const parsed = parseAmountLines(lines);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return setProblem('月份格式应为 2026-11');
    if (!title.trim()) return setProblem('请填写标题');
    if (!body.trim()) return setProblem('请填写公示内容');
    if (parsed.problem) return setProblem(parsed.problem);
    const notice: NewNotice = { kind, month, title: title.trim(), body: body.trim(), amounts: parsed.amounts };
    const attachmentIds = [...photos.map((p) => p.id), ...(pdf ? [pdf.id] : [])];
    if (attachmentIds.length) notice.attachmentIds = attachmentIds;
    if (correctsId !== undefined) notice.correctsId = correctsId;
    void submit(() => disclosuresApi.draftNotice(compoundId, notice));
  };
  return (
    <View className="card notice-draft">
      {correctsId !== undefined && <View className="muted">更正公示：发布后原公示将标注“已更正”。</View>}
      <SelectField label="公示类别" testId="notice-kind" options={BOARD_NOTICE_KINDS.map((k) => ({ value: k, label: BOARD_NOTICE_KIND_LABELS[k] }))} value={kind} onChange={setKind} />
      <View className="field">
        <View className="field__label">公示月份</View>
        <Input className="input" value={month} onInput={(e) => setMonth(e.detail.value)} data-testid="notice-month" />
      </View>
      <View className="field">
        <View className="field__label">标题</View>
        <Input className="input" maxlength={200} value={title} onInput={(e) => setTitle(e.detail.value)} data-testid="notice-title" />
      </View>
      <View className="field">
        <View className="field__label">公示内容</View>
        <Textarea className="textarea" maxlength={5000} value={body} onInput={(e) => setBody(e.detail.value)} data-testid="notice-body" />
      </View>
      <View className="field">
        <View className="field__label">金额明细（每行：项目｜金额，单位元）</View>
        <Textarea className="textarea" placeholder="2号楼电梯主板更换｜18600.00" value={lines} onInput={(e) => setLines(e.detail.value)} data-testid="notice-amounts" />
      </View>
      <PhotoUploader label="票据、合同照片" max={8} onChange={(p, b) => (setPhotos(p), setUploading(b))} />
      <PdfAttachment label="PDF 附件（票据、合同扫描件）" testId="notice-pdf" onChange={(p, b) => (setPdf(p), setPdfBusy(b))} />
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy || uploading || pdfBusy} onClick={send} data-testid="notice-submit">提交社区审核</Button>
    </View>
  );
}
