import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../../api/api-error';
import type { CompoundPlan, SitePlanDoc } from '../../../api/api.types';
import { loadCompoundPlan, sitePlansApi } from '../../../api/site-plans.api';
import { PLAN } from '../../../components/site-plan/site-plan.fixture';
import { exportJson, pickJsonText } from '../../../platform/json-file';
import SitePlansPage from './index';

jest.mock('../../../api/org.api', () => ({
  orgApi: { compounds: jest.fn().mockResolvedValue([{ id: 7, name: '阅海万家', communityName: '阅海社区' }]) },
}));
jest.mock('../../../api/site-plans.api', () => ({ loadCompoundPlan: jest.fn(), sitePlansApi: { save: jest.fn() } }));
jest.mock('../../../platform/json-file', () => ({ EXPORT_JSON_LABEL: '下载 JSON', exportJson: jest.fn().mockResolvedValue(undefined), pickJsonText: jest.fn() }));
jest.mock('../../../hooks/use-me.hook', () => ({ useSignedIn: () => ({ id: 1, roles: ['admin'] }) }));

const load = loadCompoundPlan as jest.Mock;
const save = sitePlansApi.save as jest.Mock;
const stored = (plan: SitePlanDoc, revision: number): CompoundPlan => ({ compoundId: 7, revision, updatedAt: '2026-03-05T02:04:00.000Z', plan });

/** The fixture with one more building: what an admin edited offline. */
const EDITED: SitePlanDoc = {
  ...PLAN,
  buildings: [...PLAN.buildings, { buildingId: 33, label: '10号楼', polygon: [[165, 40], [215, 40], [215, 56], [165, 56]], entrances: [] }],
};

const paste = (text: string) => {
  fireEvent.change(screen.getByTestId('site-plans-text'), { target: { value: text } });
  fireEvent.click(screen.getByTestId('site-plans-check'));
};

/** The SVG each plan picture on screen draws (a base64 data URI). */
const drawnPlans = () =>
  screen.getAllByTestId('site-plan-image').map((img) => Buffer.from((img.getAttribute('src') ?? '').split(',')[1] ?? '', 'base64').toString('utf8'));

beforeEach(() => {
  jest.clearAllMocks();
  load.mockResolvedValue({ plan: stored(PLAN, 3), offline: false });
});

describe('小区平面图 admin screen', () => {
  it('loads the first compound’s plan, draws it with its revision, and exports it as JSON', async () => {
    render(<SitePlansPage />);
    await screen.findByTestId('site-plans-current');
    expect(load).toHaveBeenCalledWith(7);
    expect(screen.getByTestId('site-plans-revision').textContent).toMatch(/^第 3 版 · 更新于 03-05 \d\d:04$/);
    expect(drawnPlans()).toHaveLength(1);
    expect(drawnPlans()[0]).toContain('6号楼');
    fireEvent.click(screen.getByTestId('site-plans-export'));
    await waitFor(() => expect(exportJson).toHaveBeenCalledWith('阅海万家-平面图-第3版.json', JSON.stringify(PLAN, null, 2)));
  });

  it('refuses a bad paste locally, naming the field in Chinese, and sends nothing', async () => {
    render(<SitePlansPage />);
    await screen.findByTestId('site-plans-current');
    const bad = { ...EDITED, buildings: [PLAN.buildings[0], { ...EDITED.buildings[2], polygon: [[165, 40], [215, 40], [215, 56], [999, 56]] }] };
    paste(JSON.stringify(bad));
    expect(screen.getByTestId('site-plans-problem').textContent).toBe('buildings[1].polygon[3][0] 应在 0 到 240 之间');
    expect(screen.queryByTestId('site-plans-preview')).toBeNull();

    paste('{"width": 240,');
    expect(screen.getByTestId('site-plans-problem').textContent).toBe('不是有效的 JSON：请检查括号、逗号和引号');
    expect(save).not.toHaveBeenCalled();
  });

  it('previews a good paste before saving, then saves it with exactly that body and shows the new revision', async () => {
    save.mockResolvedValue(stored(EDITED, 4));
    render(<SitePlansPage />);
    await screen.findByTestId('site-plans-current');
    paste(JSON.stringify(EDITED));
    await screen.findByTestId('site-plans-preview');
    expect(drawnPlans()).toHaveLength(2);
    expect(drawnPlans()[1]).toContain('10号楼');
    expect(save).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('site-plans-save'));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save).toHaveBeenCalledWith(7, EDITED);
    expect(save.mock.calls[0][1]).toStrictEqual(EDITED);
    expect((await screen.findByTestId('site-plans-saved')).textContent).toBe('已保存为第 4 版');
    expect(screen.getByTestId('site-plans-revision').textContent).toMatch(/^第 4 版/);
    expect(screen.queryByTestId('site-plans-preview')).toBeNull();
  });

  it('a chosen JSON file is previewed the same way', async () => {
    (pickJsonText as jest.Mock).mockResolvedValue({ name: 'plan.json', text: JSON.stringify(EDITED) });
    render(<SitePlansPage />);
    await screen.findByTestId('site-plans-current');
    fireEvent.click(screen.getByTestId('site-plans-choose'));
    await screen.findByTestId('site-plans-preview');
    expect((screen.getByTestId('site-plans-text') as HTMLTextAreaElement).value).toBe(JSON.stringify(EDITED));
  });

  it('shows the API’s 400 naming the field when the server refuses the plan', async () => {
    save.mockRejectedValue(new ApiError('INVALID_REFERENCE', 400, 'buildings[2].buildingId: no such building in the compound', [
      { field: 'buildings[2].buildingId', message: 'no such building in the compound' },
    ]));
    render(<SitePlansPage />);
    await screen.findByTestId('site-plans-current');
    paste(JSON.stringify(EDITED));
    fireEvent.click(await screen.findByTestId('site-plans-save'));
    expect((await screen.findByTestId('site-plans-problem')).textContent).toBe('保存被拒绝：buildings[2].buildingId 不是该小区的楼栋');
    // The draft stays for correction; the current plan is still revision 3.
    expect(screen.getByTestId('site-plans-preview')).toBeTruthy();
    expect(screen.getByTestId('site-plans-revision').textContent).toMatch(/^第 3 版/);
  });
});
