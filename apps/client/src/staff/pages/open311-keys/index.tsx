import { adminApi } from '../../../api/admin.api';
import { AdminScreen } from '../../components/admin-screen';
import { Open311KeysPanel } from '../../components/open311-keys-panel';

/** Open311 接口密钥: issue, list with purpose and last use, revoke. */
export default function Open311KeysPage() {
  return (
    <AdminScreen load={adminApi.open311Keys} title="Open311 接口密钥">
      {(keys, reload) => <Open311KeysPanel keys={keys} onChanged={reload} />}
    </AdminScreen>
  );
}
