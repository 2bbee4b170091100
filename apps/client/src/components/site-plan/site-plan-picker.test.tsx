import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __storage } from '../../../test/mocks/taro.mock';
import type { Category, Compound } from '../../api/api.types';
import { loadCompoundPlan } from '../../api/site-plans.api';
import { ticketsApi } from '../../api/tickets.api';
import { ReportForm } from '../report-form/report-form';
import { PLAN } from './site-plan.fixture';
import { SitePlanPicker } from './site-plan-picker';

jest.mock('../../api/tickets.api', () => ({ ticketsApi: { create: jest.fn(), nearby: jest.fn(async () => ({ items: [] })) } }));
jest.mock('../../api/site-plans.api', () => ({ loadCompoundPlan: jest.fn() }));

const create = ticketsApi.create as jest.Mock;
const nearby = ticketsApi.nearby as jest.Mock;
const load = loadCompoundPlan as jest.Mock;

const categories: Category[] = [
  { id: 1, code: 'manhole_cover_missing', name: '井盖缺失', group: '公共设施', icon: 'manhole', handlerKind: 'company', defaultPriority: 'emergency', department: null },
];
const compounds: Compound[] = [
  { id: 30, code: 'hpjy', name: '湖畔嘉苑', address: null, lat: 38.48, lng: 106.23, communityId: 10, communityName: '安居苑社区', streetId: 5, streetName: '北京中路街道', districtId: 1, districtName: '金凤区', buildings: [{ id: 31, name: '6号楼' }, { id: 32, name: '9号楼' }] },
];

/** jsdom lays nothing out: the plan image is put 240 × 200 px at (10, 100), one pixel per plan unit. */
function layOut(img: HTMLElement) {
  img.getBoundingClientRect = () => ({ left: 10, top: 100, width: 240, height: 200, right: 250, bottom: 300, x: 10, y: 100, toJSON: () => ({}) });
}

const tapPlan = async (x: number, y: number) => {
  await act(async () => {
    fireEvent.click(screen.getByTestId('site-plan-image'), { clientX: 10 + x, clientY: 100 + y });
  });
};

beforeEach(() => {
  __storage.clear();
  jest.clearAllMocks();
  load.mockResolvedValue({ plan: { compoundId: 30, revision: 1, updatedAt: '2026-12-01T00:00:00Z', plan: PLAN }, offline: false });
});

describe('SitePlanPicker', () => {
  it('turns a tap into a plan point and the building under it; open ground picks no building', async () => {
    const onChange = jest.fn();
    render(<SitePlanPicker plan={PLAN} onChange={onChange} />);
    layOut(screen.getByTestId('site-plan-image'));
    expect(screen.getByTestId('plan-pick').textContent).toBe('点一下平面图上出问题的地方');
    await tapPlan(120, 48);
    expect(onChange).toHaveBeenLastCalledWith({ planPoint: { x: 120, y: 48 }, buildingId: 32 });
    await tapPlan(120, 120);
    expect(onChange).toHaveBeenLastCalledWith({ planPoint: { x: 120, y: 120 }, buildingId: undefined });
    // Outside the image: nothing.
    onChange.mockClear();
    await act(async () => {
      fireEvent.click(screen.getByTestId('site-plan-image'), { clientX: 5, clientY: 50 });
    });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('shows the pin and names the picked building; 清除标记 clears it', () => {
    const onChange = jest.fn();
    render(<SitePlanPicker plan={PLAN} value={{ x: 40, y: 48 }} buildingId={31} offline onChange={onChange} />);
    const src = (screen.getByTestId('site-plan-image') as HTMLImageElement).src;
    const svg = Buffer.from(src.split(',')[1], 'base64').toString('utf8');
    expect(svg).toContain('<path d="M40 48 ');
    expect(screen.getByTestId('plan-pick').textContent).toContain('已标记：6号楼');
    expect(screen.getByText('离线：使用手机上保存的平面图')).toBeTruthy();
    fireEvent.click(screen.getByText(/清除标记/));
    expect(onChange).toHaveBeenCalledWith({});
  });
});

describe('the report form with a site plan', () => {
  it('preselects the building the resident taps and sends the plan point; nearby asks by plan point', async () => {
    create.mockResolvedValue({ id: 77, no: 'HG260305000077', status: 'submitted', priority: 'emergency', createdAt: '2026-03-05T02:04:00Z', replayed: false });
    render(<ReportForm categories={categories} compounds={compounds} homeCompoundId={30} homeBuildingId={31} onCreated={jest.fn()} />);
    await waitFor(() => expect(screen.getByTestId('site-plan-image')).toBeTruthy());
    expect(load).toHaveBeenCalledWith(30);
    layOut(screen.getByTestId('site-plan-image'));
    fireEvent.click(screen.getByText('井盖缺失'));
    fireEvent.change(screen.getByPlaceholderText(/请描述问题/), { target: { value: '9号楼前井盖丢失' } });
    await tapPlan(120, 48);
    expect(screen.getByTestId('plan-pick').textContent).toContain('已标记：9号楼');
    await waitFor(() => expect(nearby).toHaveBeenLastCalledWith({ categoryId: 1, buildingId: 32, compoundId: 30, planX: 120, planY: 48 }));
    fireEvent.change(screen.getByPlaceholderText(/6号楼东侧草坪旁/), { target: { value: '单元门口' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    await waitFor(() => expect(create).toHaveBeenCalled());
    // The plan locates it: no made-up coordinates of the compound; the words go into the description.
    expect(create.mock.calls[0][0]).toEqual({
      categoryId: 1, description: '9号楼前井盖丢失（位置：单元门口）', compoundId: 30, buildingId: 32, planPoint: { x: 120, y: 48 }, channel: 'h5',
    });
  });

  it('a tap on the road clears the home building; the form works from a plan kept on the device', async () => {
    load.mockResolvedValue({ plan: { compoundId: 30, revision: 1, updatedAt: '2026-12-01T00:00:00Z', plan: PLAN }, offline: true });
    create.mockResolvedValue({ id: 78, no: 'HG260305000078', status: 'submitted', priority: 'emergency', createdAt: '2026-03-05T02:04:00Z', replayed: false });
    render(<ReportForm categories={categories} compounds={compounds} homeCompoundId={30} homeBuildingId={31} onCreated={jest.fn()} />);
    await waitFor(() => expect(screen.getByText('离线：使用手机上保存的平面图')).toBeTruthy());
    layOut(screen.getByTestId('site-plan-image'));
    fireEvent.click(screen.getByText('井盖缺失'));
    fireEvent.change(screen.getByPlaceholderText(/请描述问题/), { target: { value: '主路井盖丢失' } });
    await tapPlan(60, 95);
    expect(screen.getByTestId('plan-pick').textContent).toContain('楼栋之外');
    fireEvent.click(screen.getByTestId('submit-report'));
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(create.mock.calls[0][0]).toEqual({ categoryId: 1, description: '主路井盖丢失', compoundId: 30, planPoint: { x: 60, y: 95 }, channel: 'h5' });
  });
});
