import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { TabBar } from './tab-bar';
import { tabsFor } from './tab-bar.util';

describe('TabBar', () => {
  beforeEach(() => jest.clearAllMocks());

  it('residents get 首页 / 报事 / 我的; staff get 工作台 / 消息 / 我的', () => {
    expect(tabsFor(['resident']).map((t) => t.label)).toEqual(['首页', '报事', '我的']);
    expect(tabsFor(['resident', 'owners_committee_member']).map((t) => t.label)).toEqual(['首页', '报事', '我的']);
    expect(tabsFor(['community_staff']).map((t) => t.label)).toEqual(['工作台', '消息', '我的']);
    // A resident who is also a grid worker works from the staff bar.
    expect(tabsFor(['resident', 'grid_worker']).map((t) => t.label)).toEqual(['工作台', '消息', '我的']);
  });

  it('marks the current tab and switches by replacing the page stack', () => {
    render(<TabBar roles={['resident']} current="home" />);
    const tabs = screen.getAllByText(/首页|报事|我的/).map((e) => e.parentElement as HTMLElement);
    expect(tabs.map((t) => t.className.includes('tab-bar__item--on'))).toEqual([true, false, false]);
    fireEvent.click(screen.getByText('报事'));
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/report/index' });
    fireEvent.click(screen.getByText('首页'));
    expect(Taro.reLaunch).toHaveBeenCalledTimes(1);
  });

  it('staff: 消息 opens the message centre', () => {
    render(<TabBar roles={['property_manager']} current="home" />);
    fireEvent.click(screen.getByText('消息'));
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/messages/index' });
  });
});
