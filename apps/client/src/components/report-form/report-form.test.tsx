import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { __storage } from '../../../test/mocks/taro.mock';
import { ApiError } from '../../api/api-error';
import type { Category, Compound } from '../../api/api.types';
import { ticketsApi } from '../../api/tickets.api';
import { uploadPhoto } from '../../api/uploads.api';
import { pickPhotos, preparePhoto } from '../../platform/photo-picker';
import { elderMode } from '../../state/elder-mode.store';
import { ReportForm } from './report-form';

jest.mock('../../api/tickets.api', () => ({ ticketsApi: { create: jest.fn(), nearby: jest.fn(async () => ({ items: [] })) } }));
jest.mock('../../api/uploads.api', () => ({ uploadPhoto: jest.fn() }));
jest.mock('../../platform/photo-picker', () => ({ pickPhotos: jest.fn(), preparePhoto: jest.fn() }));
jest.mock('../../platform/photo-source', () => ({ resolvePhotoSrc: jest.fn(async (u: string) => u) }));

const create = ticketsApi.create as jest.Mock;
const upload = uploadPhoto as jest.Mock;
const pick = pickPhotos as jest.Mock;
const prepare = preparePhoto as jest.Mock;

const categories: Category[] = [
  { id: 1, code: 'manhole_cover_missing', name: '井盖缺失', group: '公共设施', icon: 'manhole', handlerKind: 'company', defaultPriority: 'emergency', department: null },
  { id: 2, code: 'street_light_out', name: '路灯不亮', group: '公共设施', icon: 'light', handlerKind: 'company', defaultPriority: 'normal', department: null },
];
const compounds: Compound[] = [
  { id: 30, code: 'hpjy', name: '湖畔嘉苑', address: null, lat: 38.48, lng: 106.23, communityId: 10, communityName: '安居苑社区', streetId: 5, streetName: '北京中路街道', districtId: 1, districtName: '金凤区', buildings: [{ id: 31, name: '6号楼' }] },
];
const created = { id: 77, no: 'HG260305000077', status: 'submitted', priority: 'emergency', createdAt: '2026-03-05T02:04:00Z', replayed: false };

function renderForm(onCreated = jest.fn(), extra: Partial<Parameters<typeof ReportForm>[0]> = {}) {
  render(<ReportForm categories={categories} compounds={compounds} homeCompoundId={30} onCreated={onCreated} {...extra} />);
  return onCreated;
}

function fillBasics() {
  fireEvent.click(screen.getByText('井盖缺失'));
  fireEvent.change(screen.getByPlaceholderText(/请描述问题/), { target: { value: '6号楼东侧井盖丢失，晚上很危险' } });
}

const submitButton = () => screen.getByTestId('submit-report');

beforeEach(() => {
  __storage.clear();
  jest.clearAllMocks();
  prepare.mockImplementation(async (path: string) => `${path}#small`);
});

describe('ReportForm', () => {
  it('shows the category grid with icons and asks for a category first', () => {
    renderForm();
    expect(screen.getByText('井盖缺失')).toBeTruthy();
    expect(screen.getByText('🕳️')).toBeTruthy();
    fireEvent.click(submitButton());
    expect(screen.getByTestId('form-problem').textContent).toBe('请选择问题类型');
    expect(create).not.toHaveBeenCalled();
  });

  it('a validation message goes as soon as its field is fixed (not at the next 提交)', () => {
    renderForm();
    fireEvent.click(submitButton());
    expect(screen.getByTestId('form-problem').textContent).toBe('请选择问题类型');
    fireEvent.click(screen.getByText('井盖缺失'));
    expect(screen.queryByTestId('form-problem')).toBeNull();
    fireEvent.click(submitButton());
    expect(screen.getByTestId('form-problem').textContent).toBe('请描述一下问题（至少2个字）');
    fireEvent.change(screen.getByPlaceholderText(/请描述问题/), { target: { value: '井盖丢了' } });
    expect(screen.queryByTestId('form-problem')).toBeNull();
  });

  it('长辈模式: a big voice-input hint under the description (the H5 one: the keyboard microphone)', () => {
    act(() => elderMode.set(true));
    renderForm();
    expect(screen.getByTestId('voice-hint').textContent).toContain('麦克风');
    act(() => elderMode.set(false));
  });

  it('warns that an emergency category is handled first', () => {
    renderForm();
    fireEvent.click(screen.getByText('井盖缺失'));
    expect(screen.getByText(/紧急事项，将优先处理/)).toBeTruthy();
  });

  it('uploads chosen photos with visible progress, then submits them with an Idempotency-Key', async () => {
    let finish: (v: unknown) => void = () => undefined;
    pick.mockResolvedValue(['blob:one']);
    upload.mockImplementation((_path: string, onProgress: (p: number) => void) => {
      onProgress(40);
      return new Promise((resolve) => (finish = resolve));
    });
    create.mockResolvedValue(created);
    const onCreated = renderForm();
    fillBasics();
    fireEvent.click(screen.getByTestId('photo-add'));
    await screen.findByText('40%');
    expect(submitButton().textContent).toBe('照片上传中…');
    expect((submitButton() as HTMLButtonElement).disabled).toBe(true);
    await act(async () => finish({ id: '0b9d1c1e-0000-4000-8000-000000000001', url: '/api/uploads/0b9d1c1e-0000-4000-8000-000000000001', mimeType: 'image/jpeg', sizeBytes: 1000 }));
    await waitFor(() => expect(submitButton().textContent).toBe('提交'));
    fireEvent.click(submitButton());
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    const [body, key] = create.mock.calls[0];
    expect(body).toEqual({
      categoryId: 1,
      description: '6号楼东侧井盖丢失，晚上很危险',
      compoundId: 30,
      photoIds: ['0b9d1c1e-0000-4000-8000-000000000001'],
      // The H5 build names its channel: 来源 shows H5, not 小程序.
      channel: 'h5',
    });
    expect(key).toMatch(/^[A-Za-z0-9_\-:.]{8,100}$/);
    expect(__storage.has('rb.reportDraft')).toBe(false);
  });

  it('holds 提交 from the moment a photo is chosen, while it is still being compressed', async () => {
    let compressed: (path: string) => void = () => undefined;
    pick.mockResolvedValue(['blob:big']);
    prepare.mockImplementation(() => new Promise((resolve) => (compressed = resolve)));
    upload.mockResolvedValue({ id: '0b9d1c1e-0000-4000-8000-000000000002', url: '/api/uploads/0b9d1c1e-0000-4000-8000-000000000002', mimeType: 'image/jpeg', sizeBytes: 1000 });
    create.mockResolvedValue(created);
    const onCreated = renderForm();
    fillBasics();
    fireEvent.click(screen.getByTestId('photo-add'));
    await waitFor(() => expect(submitButton().textContent).toBe('照片上传中…'));
    expect(upload).not.toHaveBeenCalled();
    fireEvent.click(submitButton());
    expect(create).not.toHaveBeenCalled();
    await act(async () => compressed('blob:small'));
    await waitFor(() => expect(submitButton().textContent).toBe('提交'));
    expect(upload.mock.calls[0][0]).toBe('blob:small');
    fireEvent.click(submitButton());
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(create.mock.calls[0][0].photoIds).toEqual(['0b9d1c1e-0000-4000-8000-000000000002']);
  });

  it('keeps a draft when the network fails, and retries with the same key so nothing is duplicated', async () => {
    create.mockRejectedValueOnce(new ApiError('NETWORK_ERROR', 0, 'offline')).mockResolvedValueOnce(created);
    const onCreated = renderForm();
    fillBasics();
    fireEvent.click(submitButton());
    await screen.findByText(/报事已保存为草稿/);
    expect(screen.getByTestId('draft-notice').textContent).toContain('草稿已保存');
    const draft = __storage.get('rb.reportDraft') as { key: string; form: { description: string } };
    expect(draft.form.description).toBe('6号楼东侧井盖丢失，晚上很危险');
    fireEvent.click(submitButton());
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(create.mock.calls[1][1]).toBe(create.mock.calls[0][1]);
    expect(create.mock.calls[1][1]).toBe(draft.key);
    expect(__storage.has('rb.reportDraft')).toBe(false);
  });

  it('keeps a draft when the API answers 503 while it recovers, and the retry reuses the key', async () => {
    create.mockRejectedValueOnce(new ApiError('DATABASE_UNAVAILABLE', 503, 'database unavailable')).mockResolvedValueOnce(created);
    const onCreated = renderForm();
    fillBasics();
    fireEvent.click(submitButton());
    await screen.findByText(/系统暂时不可用，报事已保存为草稿/);
    expect(screen.getByTestId('draft-notice').textContent).toContain('草稿已保存');
    fireEvent.click(submitButton());
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(create.mock.calls[1][1]).toBe(create.mock.calls[0][1]);
  });

  it('restores the kept draft when the page opens again', () => {
    __storage.set('rb.reportDraft', {
      form: { categoryId: 2, description: '路灯坏了三天', compoundId: 30, location: { address: '' }, photos: [], reporterPhone: '' },
      key: 'rb-abc-123456789',
    });
    renderForm();
    expect(screen.getByTestId('draft-notice').textContent).toContain('已恢复上次未提交的报事');
    expect((screen.getByPlaceholderText(/请描述问题/) as HTMLTextAreaElement).value).toBe('路灯坏了三天');
  });

  it('uses a new key once the resident changes the report after a failed attempt', async () => {
    create.mockRejectedValueOnce(new ApiError('NETWORK_ERROR', 0, 'offline')).mockResolvedValueOnce(created);
    renderForm();
    fillBasics();
    fireEvent.click(submitButton());
    await screen.findByText(/报事已保存为草稿/);
    fireEvent.change(screen.getByPlaceholderText(/请描述问题/), { target: { value: '井盖丢失，已有人差点摔倒' } });
    fireEvent.click(submitButton());
    await waitFor(() => expect(create).toHaveBeenCalledTimes(2));
    expect(create.mock.calls[1][1]).not.toBe(create.mock.calls[0][1]);
  });

  it('shows API errors in Chinese from their code', async () => {
    create.mockRejectedValue(new ApiError('RATE_LIMITED', 429, 'too many'));
    renderForm();
    fillBasics();
    fireEvent.click(submitButton());
    expect((await screen.findByTestId('form-problem')).textContent).toBe('操作过于频繁，请稍后再试');
  });

  it('on behalf of a resident: a 12345 case needs its case number; sends channel, case, call time, caller and call-back number', async () => {
    create.mockResolvedValue(created);
    renderForm(jest.fn(), { onBehalf: true, channels: ['hotline_12345', 'walk_in', 'grid_patrol'] });
    fillBasics();
    expect(screen.getAllByText(/12345热线|上门|网格巡查/).map((e) => e.textContent)).toEqual(['12345热线', '上门', '网格巡查']);
    fireEvent.click(screen.getByText('12345热线'));
    fireEvent.change(screen.getByPlaceholderText(/11位手机号/), { target: { value: '13812345678' } });
    fireEvent.click(submitButton());
    expect(screen.getByTestId('form-problem').textContent).toBe('请填写12345工单编号');
    fireEvent.change(screen.getByTestId('hotline-case-no'), { target: { value: 'NX12345-0031' } });
    fireEvent.change(screen.getByTestId('called-at'), { target: { value: '昨天' } });
    fireEvent.click(submitButton());
    expect(screen.getByTestId('form-problem').textContent).toContain('来电时间格式');
    fireEvent.change(screen.getByTestId('called-at'), { target: { value: '2026-11-24 8:42' } });
    fireEvent.change(screen.getByTestId('caller-name'), { target: { value: '张秀英' } });
    fireEvent.click(submitButton());
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(create.mock.calls[0][0]).toMatchObject({
      channel: 'hotline_12345', reporterPhone: '13812345678', hotlineCaseNo: 'NX12345-0031', calledAt: '2026-11-24T08:42:00+08:00', callerName: '张秀英',
    });
  });

  it('on behalf as a grid worker: only 网格巡查 is offered, without hotline fields', async () => {
    create.mockResolvedValue(created);
    renderForm(jest.fn(), { onBehalf: true, channels: ['grid_patrol'] });
    fillBasics();
    expect(screen.queryByText('12345热线')).toBeNull();
    expect(screen.queryByText('上门')).toBeNull();
    expect(screen.queryByTestId('hotline-case-no')).toBeNull();
    fireEvent.click(submitButton());
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(create.mock.calls[0][0]).toMatchObject({ channel: 'grid_patrol' });
    expect(create.mock.calls[0][0].hotlineCaseNo).toBeUndefined();
  });

  it('locates an H5 report by the compound and the typed address', async () => {
    create.mockResolvedValue(created);
    renderForm();
    fillBasics();
    fireEvent.change(screen.getByPlaceholderText(/6号楼东侧草坪旁/), { target: { value: '东门岗亭旁' } });
    fireEvent.click(submitButton());
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(create.mock.calls[0][0].location).toEqual({ lat: 38.48, lng: 106.23, address: '东门岗亭旁' });
  });
});
