import Taro from '@tarojs/taro';
import { __storage } from '../../test/mocks/taro.mock';
import { PLAN } from '../components/site-plan/site-plan.fixture';
import { loadCompoundPlan } from './site-plans.api';

const request = Taro.request as jest.Mock;
const body = { compoundId: 30, revision: 3, updatedAt: '2026-12-01T00:00:00Z', plan: PLAN };

beforeEach(() => {
  __storage.clear();
  request.mockReset();
});

describe('loadCompoundPlan: the plan kept on the device', () => {
  it('stores the first load with its ETag, revalidates with If-None-Match, and answers offline from the device', async () => {
    request.mockResolvedValueOnce({ statusCode: 200, data: body, header: { ETag: '"plan-30-3"' } });
    expect(await loadCompoundPlan(30)).toEqual({ plan: body, offline: false });
    expect(request.mock.calls[0][0].header['If-None-Match']).toBeUndefined();
    expect(__storage.get('rb.sitePlan.30')).toEqual({ etag: '"plan-30-3"', body });

    request.mockResolvedValueOnce({ statusCode: 304, data: '', header: {} });
    expect(await loadCompoundPlan(30)).toEqual({ plan: body, offline: false });
    expect(request.mock.calls[1][0].header['If-None-Match']).toBe('"plan-30-3"');

    request.mockRejectedValueOnce(new Error('request:fail'));
    expect(await loadCompoundPlan(30)).toEqual({ plan: body, offline: true });
  });

  it('forgets a plan that is gone (404) and has nothing offline without a first load', async () => {
    __storage.set('rb.sitePlan.30', { etag: '"plan-30-1"', body });
    request.mockResolvedValueOnce({ statusCode: 404, data: { code: 'NOT_FOUND', message: 'site plan not found' }, header: {} });
    expect(await loadCompoundPlan(30)).toEqual({ plan: null, offline: false });
    expect(__storage.has('rb.sitePlan.30')).toBe(false);
    request.mockRejectedValueOnce(new Error('request:fail'));
    expect(await loadCompoundPlan(30)).toEqual({ plan: null, offline: true });
  });
});
