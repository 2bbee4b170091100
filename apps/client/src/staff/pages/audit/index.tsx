import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { errorText } from '../../../api/api-error';
import type { AuditEntry, AuditQuery } from '../../../api/api.types';
import { peopleApi } from '../../../api/people.api';
import { Screen } from '../../../components/screen/screen';
import { SelectField } from '../../../components/select-field/select-field';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { downloadReport } from '../../../platform/report-download';
import { AuditList } from '../../components/people/audit-list';

const OUTCOMES = [{ value: 'ok' as const, label: '成功' }, { value: 'failed' as const, label: '失败' }];
const METHODS = (['POST', 'PUT', 'PATCH', 'DELETE', 'GET'] as const).map((m) => ({ value: m, label: m }));

/** 操作日志 (admins): who did what, when, from where, with what result; kept 190 days; CSV export. */
export default function AuditPage() {
  const me = useSignedIn();
  const [outcome, setOutcome] = useState<AuditQuery['outcome']>();
  const [method, setMethod] = useState<AuditQuery['method']>();
  const [more, setMore] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const query: AuditQuery = { outcome, method };
  const list = useScreenData(async () => {
    const page = await peopleApi.audit(query);
    setMore([]);
    setCursor(page.nextCursor);
    return page;
  }, !!me);
  const loadMore = async () => {
    if (cursor === null) return;
    const page = await peopleApi.audit({ ...query, cursor });
    setMore((m) => [...m, ...page.items]);
    setCursor(page.nextCursor);
  };
  const exportCsv = async () => {
    try {
      await downloadReport(peopleApi.auditExportPath(query), '操作日志.csv');
    } catch (error) {
      void Taro.showToast({ title: errorText(error), icon: 'none' });
    }
  };
  return (
    <Screen>
      <View className="card">
        <SelectField label="结果" testId="audit-outcome" options={OUTCOMES} value={outcome} onChange={setOutcome} />
        <SelectField label="方法" testId="audit-method" options={METHODS} value={method} onChange={setMethod} />
        <Button className="btn btn--ghost btn--block" onClick={() => void list.reload()} data-testid="audit-apply">查询</Button>
        <Button className="btn btn--ghost btn--block" onClick={() => void exportCsv()} data-testid="audit-export">导出 CSV</Button>
      </View>
      {list.problem && <View className="error-text">{list.problem}</View>}
      {list.data && <AuditList entries={[...list.data.items, ...more]} />}
      {cursor !== null && <Button className="btn btn--ghost btn--block" onClick={() => void loadMore()} data-testid="audit-more">加载更多</Button>}
    </Screen>
  );
}
