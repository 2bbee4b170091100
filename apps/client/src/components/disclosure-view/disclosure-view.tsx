import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DISCLOSURE_BASIS_LABELS } from '@red-butler/domain';
import type { Disclosure } from '../../api/api.types';
import { formatDate } from '../../lib/format.util';
import { openPdf } from '../../platform/pdf-viewer';
import { PhotoThumb } from '../photo-thumb/photo-thumb';

/**
 * 五公开: the five disclosures of one version, as residents read them and community staff review
 * them. Amounts are shown exactly as the company wrote them (decimal strings, never recomputed).
 */
export function DisclosureView({ disclosure: d }: { disclosure: Disclosure }) {
  return (
    <View className="card disclosure" data-disclosure={d.id}>
      <View className="disclosure__head">
        <Text className="ticket-card__title">{d.company.name}</Text>
        <View className="muted" data-testid="disclosure-version">
          第{d.version}版{d.reviewed && d.status === 'approved' ? ` · ${d.reviewed.by.displayName} ${formatDate(d.reviewed.at)} 审核公开` : ''}
        </View>
      </View>
      <View className="disclosure__section">
        <View className="field__label">一、服务内容</View>
        <View className="notice__body">{d.serviceContent}</View>
      </View>
      <View className="disclosure__section">
        <View className="field__label">二、收费标准</View>
        {d.feeItems.map((f, i) => (
          <View key={i} className="disclosure__fee" data-fee={i}>
            <Text>{f.item}</Text>
            <Text className="disclosure__amount">{f.amount} {f.unit}</Text>
          </View>
        ))}
      </View>
      <View className="disclosure__section">
        <View className="field__label">三、收费依据（{DISCLOSURE_BASIS_LABELS[d.basisKind]}）</View>
        <View className="notice__body">{d.basisText}</View>
        {d.basisUploadId && d.basisUploadType === 'application/pdf' && (
          <View className="link" data-testid="basis-pdf-link"
            onClick={() => void openPdf(`/api/uploads/${d.basisUploadId}`).catch(() => void Taro.showToast({ title: '文件打开失败，请稍后再试', icon: 'none' }))}>
            📄 查看收费依据文件（PDF）
          </View>
        )}
        {d.basisUploadId && d.basisUploadType !== 'application/pdf' && <PhotoThumb url={`/api/uploads/${d.basisUploadId}`} />}
      </View>
      <View className="disclosure__section">
        <View className="field__label">四、服务承诺</View>
        <View className="notice__body">{d.commitments}</View>
      </View>
      <View className="disclosure__section">
        <View className="field__label">五、投诉电话</View>
        <Text className="disclosure__phone" data-testid="complaint-phone">{d.complaintPhone}</Text>
      </View>
    </View>
  );
}
