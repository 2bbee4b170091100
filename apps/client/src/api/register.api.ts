import type { OwnerLink, OwnerLinks, RegisterImportResult } from './api.types';
import { request } from './http.client';
import { uploadFile } from './upload-file';

/** The compound's register (专有部分) and its verified owners: import, claims, decisions. */
export const registerApi = {
  /** POST /api/compounds/:id/register with the CSV at `filePath` (multipart field "file"). */
  import: (compoundId: number, filePath: string, fileName: string, dryRun: boolean): Promise<RegisterImportResult> =>
    uploadFile<RegisterImportResult>({ path: `/compounds/${compoundId}/register?dryRun=${dryRun}`, filePath, fileName, timeoutMs: 120000 }),
  claims: (compoundId: number) => request<OwnerLinks>('GET', `/compounds/${compoundId}/owner-claims`),
  /** 业主认证: the resident says the unit is theirs; community staff confirm. */
  claim: (unitId: number) => request<OwnerLink>('POST', '/owner-claims', { body: { unitId } }),
  decide: (id: number, decision: 'verified' | 'rejected') => request<OwnerLink>('POST', `/owner-claims/${id}/decision`, { body: { decision } }),
};
