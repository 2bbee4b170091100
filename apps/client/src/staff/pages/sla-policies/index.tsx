import { View } from '@tarojs/components';
import { adminApi } from '../../../api/admin.api';
import { AdminScreen } from '../../components/admin-screen';
import { SlaPolicyEditor } from '../../components/sla-policy-editor';

const load = () => Promise.all([adminApi.categories(), adminApi.slaPolicies()]);

/** 时限策略: each category × priority, each party's leg; changes apply to new clocks at once. */
export default function SlaPoliciesPage() {
  return (
    <AdminScreen load={load} title="时限策略">
      {([categories, policies], reload) => (
        <View>
          <View className="muted">点击一行修改。保存后新开始的计时立即按新时限计算，已在计时中的环节不变。</View>
          <SlaPolicyEditor categories={categories} policies={policies} onSaved={reload} />
        </View>
      )}
    </AdminScreen>
  );
}
