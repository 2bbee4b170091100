import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { NavBar } from './nav-bar';

const pages = Taro.getCurrentPages as jest.Mock;
const instance = Taro.getCurrentInstance as jest.Mock;

describe('NavBar (the H5 title bar)', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    document.title = '工单详情';
  });

  it('shows the page title with back (when there is a page to go back to) and home', () => {
    pages.mockReturnValue([{}, {}]);
    instance.mockReturnValue({ router: { path: '/pages/ticket/index?id=3' } });
    render(<NavBar />);
    expect(screen.getByText('工单详情')).toBeTruthy();
    fireEvent.click(screen.getByTestId('nav-back'));
    expect(Taro.navigateBack).toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('nav-home'));
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
    expect(screen.getByTestId('nav-back').getAttribute('aria-label')).toBe('返回上一页');
  });

  it('after a deep link or reload (nothing to go back to) offers home only, never a dead end', () => {
    pages.mockReturnValue([{}]);
    instance.mockReturnValue({ router: { path: '/staff/pages/act/index' } });
    render(<NavBar />);
    expect(screen.queryByTestId('nav-back')).toBeNull();
    expect(screen.getByTestId('nav-home')).toBeTruthy();
  });

  it('on the home page shows neither', () => {
    pages.mockReturnValue([{}, {}]);
    instance.mockReturnValue({ router: { path: '/pages/index/index' } });
    render(<NavBar />);
    expect(screen.queryByTestId('nav-back')).toBeNull();
    expect(screen.queryByTestId('nav-home')).toBeNull();
  });

  it('shows its own page’s configured title, and ignores title changes while another page is on screen', async () => {
    const own = { config: { navigationBarTitleText: '我要报事' } };
    instance.mockReturnValue({ page: own, router: { path: '/pages/report/index' } });
    pages.mockReturnValue([{}, {}]);
    render(<NavBar />);
    expect(screen.getByText('我要报事')).toBeTruthy();
    instance.mockReturnValue({ page: { config: {} }, router: { path: '/pages/ticket/index' } });
    document.title = '工单详情（另一页）';
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.getByText('我要报事')).toBeTruthy();
    instance.mockReturnValue({ page: own, router: { path: '/pages/report/index' } });
    document.title = '代居民报事';
    expect(await screen.findByText('代居民报事')).toBeTruthy();
  });

  it('follows the title when the page renames itself (setNavigationBarTitle sets document.title on H5)', async () => {
    pages.mockReturnValue([{}]);
    render(<NavBar />);
    document.title = '代居民报事';
    expect(await screen.findByText('代居民报事')).toBeTruthy();
  });
});
