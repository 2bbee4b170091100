import Taro from '@tarojs/taro';
import { ApiError, toApiError } from './api-error';
import type { OwnerLink, OwnerLinks, RegisterImportResult } from './api.types';
import { apiUrl, authHeader, onUnauthenticated, request } from './http.client';

/** The compound's register (专有部分) and its verified owners: import, claims, decisions. */
export const registerApi = {
  /** POST /api/compounds/:id/register with the CSV at `filePath` (multipart field "file"). */
  import: (compoundId: number, filePath: string, fileName: string, dryRun: boolean): Promise<RegisterImportResult> =>
    new Promise((resolve, reject) => {
      Taro.uploadFile({
        url: apiUrl(`/compounds/${compoundId}/register?dryRun=${dryRun}`),
        filePath,
        name: 'file',
        fileName,
        header: authHeader(),
        timeout: 120000,
        success: (res) => {
          let body: unknown = res.data;
          try {
            body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data;
          } catch {
            body = null;
          }
          if (res.statusCode >= 200 && res.statusCode < 300) return resolve(body as RegisterImportResult);
          if (res.statusCode === 401) void onUnauthenticated();
          reject(toApiError(res.statusCode, body));
        },
        fail: () => reject(new ApiError('NETWORK_ERROR', 0, 'upload failed')),
      } as Parameters<typeof Taro.uploadFile>[0]);
    }),
  claims: (compoundId: number) => request<OwnerLinks>('GET', `/compounds/${compoundId}/owner-claims`),
  /** 业主认证: the resident says the unit is theirs; community staff confirm. */
  claim: (unitId: number) => request<OwnerLink>('POST', '/owner-claims', { body: { unitId } }),
  decide: (id: number, decision: 'verified' | 'rejected') => request<OwnerLink>('POST', `/owner-claims/${id}/decision`, { body: { decision } }),
};
