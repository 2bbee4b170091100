import { Button, Input, Textarea, View } from '@tarojs/components';
import { COMPLAINT_PHONE_PATTERN, DISCLOSURE_BASIS_KINDS, DISCLOSURE_BASIS_LABELS, MONEY_PATTERN, type DisclosureBasisKind } from '@red-butler/domain';
import { useState } from 'react';
import type { Disclosure, DisclosureBody, FeeItem } from '../../api/api.types';
import { disclosuresApi } from '../../api/disclosures.api';
import { PdfAttachment, type AttachedPdf } from '../../components/pdf-attachment/pdf-attachment';
import { SelectField } from '../../components/select-field/select-field';
import { useSubmit } from './use-submit.hook';

/** Fee rows as lines "项目｜单位｜金额": quick to type on a phone, and checked line by line. */
export function parseFeeLines(text: string): { items: FeeItem[]; problem: string | null } {
  const items: FeeItem[] = [];
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const parts = line.split(/[|｜]/).map((p) => p.trim());
    if (parts.length !== 3 || !parts[0] || !parts[1]) return { items, problem: `收费标准第${i + 1}行应为“项目｜单位｜金额”` };
    if (!MONEY_PATTERN.test(parts[2])) return { items, problem: `收费标准第${i + 1}行的金额应为数字，最多两位小数` };
    items.push({ item: parts[0], unit: parts[1], amount: parts[2] });
  }
  if (items.length === 0) return { items, problem: '请至少填写一项收费标准' };
  return { items, problem: null };
}

export interface DisclosureFormProps {
  compoundId: number;
  /** The open draft to continue, if any (edited with its revision). */
  draft?: Disclosure | null;
  /** The latest version, to start a new draft from. */
  base?: Disclosure | null;
  onDone: (d: Disclosure) => void;
}

/**
 * 五公开 editing for the serving company's manager: saves a draft (a new version, or an edit of the
 * open one at its revision) and submits it for community review in one tap.
 */
export function DisclosureForm({ compoundId, draft, base, onDone }: DisclosureFormProps) {
  const from = draft ?? base;
  const [serviceContent, setServiceContent] = useState(from?.serviceContent ?? '');
  const [fees, setFees] = useState(from ? from.feeItems.map((f) => `${f.item}｜${f.unit}｜${f.amount}`).join('\n') : '物业服务费（住宅）｜元/平方米·月｜');
  const [basisKind, setBasisKind] = useState<DisclosureBasisKind>(from?.basisKind ?? 'contract');
  const [basisText, setBasisText] = useState(from?.basisText ?? '');
  const [commitments, setCommitments] = useState(from?.commitments ?? '');
  const [complaintPhone, setComplaintPhone] = useState(from?.complaintPhone ?? '');
  // The stored basis has no file name: an existing one shows under a generic name until replaced.
  const [basisFile, setBasisFile] = useState<AttachedPdf | null>(from?.basisUploadId ? { id: from.basisUploadId, name: '已附收费依据文件' } : null);
  const [basisBusy, setBasisBusy] = useState(false);
  const { busy, problem, setProblem, submit } = useSubmit<Disclosure>(onDone, '已提交社区审核');
  const send = () => {
    const parsed = parseFeeLines(fees);
    if (!serviceContent.trim()) return setProblem('请填写服务内容');
    if (parsed.problem) return setProblem(parsed.problem);
    if (!basisText.trim()) return setProblem('请填写收费依据');
    if (!commitments.trim()) return setProblem('请填写服务承诺');
    if (!COMPLAINT_PHONE_PATTERN.test(complaintPhone.trim())) return setProblem('投诉电话格式不正确，如 0951-5108826 或手机号');
    const body: DisclosureBody = { serviceContent: serviceContent.trim(), feeItems: parsed.items, basisKind, basisText: basisText.trim(), commitments: commitments.trim(), complaintPhone: complaintPhone.trim() };
    if (basisFile) body.basisUploadId = basisFile.id;
    void submit(async () => {
      const saved = draft ? await disclosuresApi.edit(draft.id, draft.revision, body) : await disclosuresApi.create(compoundId, body);
      return disclosuresApi.submit(saved.id, saved.revision);
    });
  };
  return (
    <View className="card disclosure-form">
      <View className="field">
        <View className="field__label">一、服务内容</View>
        <Textarea className="textarea" maxlength={5000} value={serviceContent} onInput={(e) => setServiceContent(e.detail.value)} data-testid="dis-service" />
      </View>
      <View className="field">
        <View className="field__label">二、收费标准（每行：项目｜单位｜金额）</View>
        <Textarea className="textarea" value={fees} onInput={(e) => setFees(e.detail.value)} data-testid="dis-fees" />
      </View>
      <SelectField label="三、收费依据" testId="dis-basis-kind" options={DISCLOSURE_BASIS_KINDS.map((k) => ({ value: k, label: DISCLOSURE_BASIS_LABELS[k] }))} value={basisKind} onChange={setBasisKind} />
      <View className="field">
        <Textarea className="textarea" maxlength={2000} placeholder="合同条款或价格主管部门文件名称、文号" value={basisText} onInput={(e) => setBasisText(e.detail.value)} data-testid="dis-basis" />
      </View>
      <PdfAttachment label="收费依据文件（合同或物价部门文件 PDF）" initial={basisFile} testId="dis-basis-pdf" onChange={(p, b) => (setBasisFile(p), setBasisBusy(b))} />
      <View className="field">
        <View className="field__label">四、服务承诺</View>
        <Textarea className="textarea" maxlength={5000} value={commitments} onInput={(e) => setCommitments(e.detail.value)} data-testid="dis-commitments" />
      </View>
      <View className="field">
        <View className="field__label">五、投诉电话</View>
        <Input className="input" value={complaintPhone} onInput={(e) => setComplaintPhone(e.detail.value)} data-testid="dis-phone" />
      </View>
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--primary btn--block" disabled={busy || basisBusy} onClick={send} data-testid="dis-submit">提交社区审核</Button>
    </View>
  );
}
