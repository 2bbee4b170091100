import { Input, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Compound, Organization } from '../../../api/api.types';
import { orgApi } from '../../../api/org.api';
import type { GrantInput } from '../../../api/people.api';
import { SelectField } from '../../../components/select-field/select-field';
import { GRANTABLE, scopeChoice } from './scope-options.util';

interface Lists { compounds: Compound[]; companies: Organization[]; departments: Organization[] }

/** A role and its scope; `onChange` gets the grant as the API takes it (or null while incomplete). */
export function RolePicker({ onChange, testId }: { onChange: (grant: GrantInput | null) => void; testId: string }) {
  const [lists, setLists] = useState<Lists>({ compounds: [], companies: [], departments: [] });
  const [role, setRole] = useState<GrantInput['role']>();
  const [scope, setScope] = useState<number>();
  const [typed, setTyped] = useState('');
  useEffect(() => {
    Promise.all([orgApi.compounds(), orgApi.companies(), orgApi.departments()]).then(
      ([compounds, companies, departments]) => setLists({ compounds, companies, departments }),
      () => undefined,
    );
  }, []);
  const choice = role ? scopeChoice(role, lists.compounds, lists.companies, lists.departments) : null;
  useEffect(() => {
    if (!role || !choice) return onChange(null);
    const id = choice.options.length ? scope : /^\d+$/.test(typed) ? Number(typed) : undefined;
    if (choice.field === null) return onChange({ role });
    if (id === undefined) return onChange(choice.optional ? { role } : null);
    onChange({ role, [choice.field]: id });
  }, [role, scope, typed, lists]);
  return (
    <View data-testid={testId}>
      <SelectField label="角色" testId={`${testId}-role`} options={GRANTABLE} value={role} onChange={(r) => (setRole(r), setScope(undefined), setTyped(''))} />
      {choice?.field && choice.options.length > 0 && (
        <SelectField label={choice.optional ? '范围（不选为全区）' : '范围'} testId={`${testId}-scope`} options={choice.options} value={scope} onChange={setScope} />
      )}
      {choice?.field && choice.options.length === 0 && (
        <View className="field">
          <View className="field__label">网格编号</View>
          <Input className="input" type="number" value={typed} placeholder="网格的单位编号" onInput={(e) => setTyped(e.detail.value)} data-testid={`${testId}-unit`} />
        </View>
      )}
    </View>
  );
}
