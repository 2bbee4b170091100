import { usccCheckChar } from './uscc.util';

export const DISTRICT_IMPORT_KINDS = ['org', 'companies', 'contracts', 'departments'] as const;
export type DistrictImportKind = (typeof DISTRICT_IMPORT_KINDS)[number];

/** The columns of each kind by the Chinese header of its template; a file's header is matched without what is in brackets. */
export const IMPORT_COLUMNS = {
  org: { street: '街道', community: '社区', grid: '网格', compound: '小区', building: '楼栋', households: '户数', entrances: '单元数', floorArea: '建筑面积（㎡）', address: '地址' },
  companies: { uscc: '统一社会信用代码', name: '企业名称', shortName: '简称', phone: '联系电话', fallback: '国企兜底' },
  contracts: { community: '社区', compound: '小区', uscc: '统一社会信用代码', company: '企业名称', kind: '服务方式', startsOn: '开始日期', endsOn: '结束日期' },
  departments: { name: '部门名称', shortName: '简称', phone: '联系电话', categories: '负责类别' },
} as const satisfies Record<DistrictImportKind, Record<string, string>>;

export type ColumnsOf<K extends DistrictImportKind> = keyof (typeof IMPORT_COLUMNS)[K] & string;

export const KIND_LABELS: Record<DistrictImportKind, string> = { org: '组织架构', companies: '物业公司', contracts: '物业服务合同', departments: '职能部门' };

/** The columns a file must have (the others may be left out of the file altogether). */
export const REQUIRED_COLUMNS: { [K in DistrictImportKind]: Array<ColumnsOf<K>> } = {
  org: ['street', 'community', 'grid', 'compound', 'building'],
  companies: ['uscc', 'name'],
  contracts: ['community', 'compound', 'startsOn', 'endsOn'],
  departments: ['name', 'categories'],
};

/** The columns that make a row's key, shown for a refused row. */
export const KEY_COLUMNS: Record<DistrictImportKind, string[]> = {
  org: ['street', 'community', 'grid', 'compound', 'building'],
  companies: ['uscc', 'name'],
  contracts: ['community', 'compound', 'company', 'startsOn'],
  departments: ['name'],
};

/** "建筑面积（㎡）", "建筑面积(平方米)" and " 建筑面积 " are one column. */
export const headerKey = (h: string) => h.replace(/[（(][^）)]*[）)]/g, '').replace(/[\s\u3000\uFEFF]/g, '');

/** Sample codes for the templates: valid check characters over visibly made-up bodies, never a real company's code. */
const sampleUscc = (body: string) => body + usccCheckChar(body);

/** Template rows: real places of 银川市金凤区 (the reference articles), made-up codes and phones. */
export const TEMPLATE_ROWS: Record<DistrictImportKind, string[][]> = {
  org: [
    ['满城北街街道', '', '', '', '', '', '', '', ''],
    ['满城北街街道', '中强巷社区', '', '', '', '', '', '', ''],
    ['满城北街街道', '中强巷社区', '第一网格', '', '', '', '', '', ''],
    ['满城北街街道', '中强巷社区', '第一网格', '明园小区', '', '486', '', '42600.00', '银川市金凤区满城北街'],
    ['满城北街街道', '中强巷社区', '第一网格', '明园小区', '1号楼', '72', '3', '6480.50', ''],
  ],
  companies: [
    [sampleUscc('91640106MA76A0001'), '银川中房物业服务有限公司', '中房物业', '0951-0000001', '否'],
    [sampleUscc('91640106MA76A0002'), '银川市金凤区国有物业服务有限公司', '国企兜底', '0951-0000002', '是'],
  ],
  contracts: [
    ['中强巷社区', '明园小区', sampleUscc('91640106MA76A0001'), '银川中房物业服务有限公司', '物业合同', '2024-01-01', '2026-12-31'],
  ],
  departments: [
    ['金凤区综合执法局（城管）', '城管', '0951-0000003', '违章搭建、占道经营'],
    ['金凤区消防救援大队', '消防', '0951-0000004', '飞线充电、消防通道堵塞、燃气泄漏'],
  ],
};
