// The seed's demo accounts (README "Demo accounts"); shown only in demo builds (dev-login is on).
export const DEMO_ACCOUNTS: Array<{ username: string; label: string; scope: string }> = [
  { username: 'resident', label: '居民', scope: '湖畔嘉苑 6号楼' },
  { username: 'resident2', label: '居民', scope: '海珀兰轩一区' },
  { username: 'grid', label: '网格员', scope: '安居苑社区第一网格' },
  { username: 'community', label: '社区工作人员', scope: '安居苑社区' },
  { username: 'community2', label: '社区工作人员', scope: '海珀兰轩社区' },
  { username: 'community3', label: '社区工作人员', scope: '银新苑南社区（云凤花园）' },
  { username: 'committee', label: '业委会委员', scope: '云凤花园业主委员会' },
  { username: 'owner', label: '业主', scope: '云凤花园 2号楼、5号楼' },
  { username: 'owner2', label: '业主', scope: '云凤花园 5号楼' },
  { username: 'street', label: '街道工作人员', scope: '北京中路街道' },
  { username: 'property', label: '物业项目经理', scope: '宁夏塞上阳光物业' },
  { username: 'worker', label: '物业维修工', scope: '宁夏塞上阳光物业' },
  { username: 'property2', label: '物业项目经理', scope: '银川中房物业' },
  { username: 'dept', label: '职能部门', scope: '金凤区综合执法局（城管）' },
  { username: 'supervisor', label: '督办', scope: '金凤区' },
  { username: 'admin', label: '管理员', scope: '全部' },
];
