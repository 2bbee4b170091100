import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BOARD_NOTICE_KIND_LABELS } from '@red-butler/domain';
import type { CompoundNotice } from '../../api/api.types';
import { formatTime } from '../../lib/format.util';
import { openPdf } from '../../platform/pdf-viewer';
import { PhotoThumb } from '../photo-thumb/photo-thumb';

interface BoardData {
  month?: string;
  amounts?: Array<{ item: string; amount: string }>;
  total?: string;
  attachmentIds?: string[];
  /** Published since PDFs are allowed: each attachment with its type (older notices carry ids of photos only). */
  attachments?: Array<{ id: string; mimeType: string }>;
}

const PDF = 'application/pdf';

/**
 * One notice on the 公示栏: a vote result, or a 业委会 monthly notice with its amounts and total
 * (exact, as published), its attachments, and 已更正 when a later notice corrects it.
 */
export function NoticeCard({ notice: n }: { notice: CompoundNotice }) {
  const data = (n.data ?? {}) as BoardData;
  const attachments = data.attachments ?? (data.attachmentIds ?? []).map((id) => ({ id, mimeType: 'image/jpeg' }));
  const photos = attachments.filter((a) => a.mimeType !== PDF);
  const pdfs = attachments.filter((a) => a.mimeType === PDF);
  const open = (id: string) => openPdf(`/api/uploads/${id}`).catch(() => void Taro.showToast({ title: '文件打开失败，请稍后再试', icon: 'none' }));
  const month = data.month ? `${data.month.slice(0, 4)}年${Number(data.month.slice(5, 7))}月 · ` : '';
  return (
    <View className={`card notice${n.correctedById ? ' notice--corrected' : ''}`} data-notice={n.id}>
      <View>
        <Text className="ticket-card__title">{n.title}</Text>
        {n.correctedById !== null && <Text className="chip chip--warn" data-testid="corrected">已更正</Text>}
      </View>
      <View className="muted">
        {month}{BOARD_NOTICE_KIND_LABELS[n.kind]} · {formatTime(n.publishedAt)} 公示{n.correctsId !== null ? ' · 更正此前公示' : ''}
      </View>
      <View className="notice__body">{n.body}</View>
      {data.amounts && (
        <View className="notice__amounts">
          {data.amounts.map((a, i) => (
            <View key={i} className="disclosure__fee">
              <Text>{a.item}</Text>
              <Text className="disclosure__amount">{a.amount} 元</Text>
            </View>
          ))}
          {data.total && <View className="disclosure__fee disclosure__total" data-testid="notice-total"><Text>合计</Text><Text>{data.total} 元</Text></View>}
        </View>
      )}
      {photos.length > 0 && (
        <View className="photos">
          {photos.map((a) => <PhotoThumb key={a.id} url={`/api/uploads/${a.id}`} />)}
        </View>
      )}
      {pdfs.map((a, i) => (
        <View key={a.id} className="link notice__pdf" onClick={() => void open(a.id)} data-testid="notice-pdf-link">
          📄 查看PDF附件{pdfs.length > 1 ? ` ${i + 1}` : ''}
        </View>
      ))}
    </View>
  );
}
