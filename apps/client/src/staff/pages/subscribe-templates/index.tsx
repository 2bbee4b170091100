import { adminApi } from '../../../api/admin.api';
import { AdminScreen } from '../../components/admin-screen';
import { SubscribeTemplatesForm } from '../../components/subscribe-templates-form';

/** 订阅消息模板: the WeChat template ids the pushes use. */
export default function SubscribeTemplatesPage() {
  return (
    <AdminScreen load={adminApi.subscribeTemplates} title="订阅消息模板">
      {(templates, reload) => <SubscribeTemplatesForm key={templates.map((t) => `${t.template}:${t.templateId}:${t.source}`).join()} templates={templates} onSaved={reload} />}
    </AdminScreen>
  );
}
