import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { chineseMessage } from '../../api/api-error';
import { NotFound } from './not-found';
import { ScreenProblem } from './screen-problem';

describe('NotFound and ScreenProblem', () => {
  beforeEach(() => jest.clearAllMocks());

  it('an unknown route says so and leads home', () => {
    render(<NotFound />);
    expect(screen.getByText('页面找不到了')).toBeTruthy();
    fireEvent.click(screen.getByTestId('go-home'));
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
  });

  it('a 404 answer (内容不存在或无权查看) becomes the not-found view with its way home', () => {
    render(<ScreenProblem text={chineseMessage('NOT_FOUND')} />);
    expect(screen.getByText('内容不存在或无权查看')).toBeTruthy();
    expect(screen.getByTestId('go-home')).toBeTruthy();
  });

  it('any other failure stays an error line', () => {
    render(<ScreenProblem text="网络连接失败，请检查网络后重试" />);
    expect(screen.queryByTestId('go-home')).toBeNull();
    expect(screen.getByText('网络连接失败，请检查网络后重试').className).toBe('error-text');
  });
});
