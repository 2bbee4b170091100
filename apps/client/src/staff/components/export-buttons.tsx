import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorText } from '../../api/api-error';
import type { ExportFormat } from '../../api/api.types';
import { downloadReport, EXPORT_FORMATS } from '../../platform/report-download';

const LABELS: Record<ExportFormat, string> = { xlsx: '导出 Excel', csv: '导出 CSV' };

interface Props {
  /** the API path of the export in each format */
  path: (format: ExportFormat) => string;
  filename: (format: ExportFormat) => string;
  testId: string;
  /** button texts, e.g. 下载模板 instead of 导出 */
  labels?: Record<ExportFormat, string>;
}

/** 导出: one button per format the platform can open (the mini-program: Excel only). */
export function ExportButtons({ path, filename, testId, labels = LABELS }: Props) {
  const [busy, setBusy] = useState(false);
  const run = async (format: ExportFormat) => {
    setBusy(true);
    try {
      await downloadReport(path(format), filename(format));
    } catch (error) {
      void Taro.showToast({ title: errorText(error), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="export-buttons" data-testid={testId}>
      {EXPORT_FORMATS.map((f) => (
        <Button key={f} className="btn btn--ghost btn--small" data-format={f} disabled={busy} onClick={() => void run(f)}>{labels[f]}</Button>
      ))}
    </View>
  );
}
