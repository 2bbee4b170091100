import type {
  AdminCompany, AdminContract, AdminDepartment, AdminOrgUnit, AdminOrgUnits, DistrictImportKind, DistrictImportResult, EditCompany, EditContract,
  EditDepartment, EditOrgUnit, OrgHistoryEntity, OrgHistoryItem,
} from './api.types';
import { request } from './http.client';
import { uploadFile } from './upload-file';

/** The district's reference data (apps/api/src/district-import): imports, browsing, edits and their history. */
export const districtApi = {
  /** POST /api/admin/district-import: a dry run answers row by row and writes nothing; a real run is all or nothing. */
  import: (kind: DistrictImportKind, filePath: string, fileName: string, dryRun: boolean) =>
    uploadFile<DistrictImportResult>({ path: `/admin/district-import?kind=${kind}&dryRun=${dryRun}`, filePath, fileName, timeoutMs: 180000 }),
  templatePath: (kind: DistrictImportKind, format: 'csv' | 'xlsx') => `/admin/district-import/template?kind=${kind}&format=${format}`,
  units: (parentId?: number) => request<AdminOrgUnits>('GET', '/admin/org-units', { query: { parentId } }),
  editUnit: (id: number, body: EditOrgUnit) => request<AdminOrgUnit>('PATCH', `/admin/org-units/${id}`, { body }),
  companies: () => request<{ items: AdminCompany[] }>('GET', '/admin/companies'),
  editCompany: (id: number, body: EditCompany) => request<AdminCompany>('PATCH', `/admin/companies/${id}`, { body }),
  contracts: (compoundId?: number) => request<{ items: AdminContract[] }>('GET', '/admin/contracts', { query: { compoundId } }),
  editContract: (id: number, body: EditContract) => request<AdminContract>('PATCH', `/admin/contracts/${id}`, { body }),
  departments: () => request<{ items: AdminDepartment[] }>('GET', '/admin/departments'),
  editDepartment: (id: number, body: EditDepartment) => request<AdminDepartment>('PATCH', `/admin/departments/${id}`, { body }),
  history: (entity: OrgHistoryEntity, entityId: number) => request<{ items: OrgHistoryItem[] }>('GET', '/admin/org-history', { query: { entity, entityId } }),
};
