import { act, render } from '@testing-library/react';
import { useDidHide, useDidShow, useUnload } from '@tarojs/taro';
import { useNow } from './use-now.hook';

const lastCallback = (hook: unknown) => {
  const calls = (hook as jest.Mock).mock.calls;
  return calls[calls.length - 1][0] as () => void;
};

function Clock() {
  return <span data-testid="now">{useNow(30_000)}</span>;
}

describe('useNow', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-03-05T10:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('ticks every 30 s, stops on page hide and unload, and restarts on show', () => {
    const { getByTestId, unmount } = render(<Clock />);
    const shown = () => Number(getByTestId('now').textContent);
    const start = shown();
    act(() => void jest.advanceTimersByTime(29_000));
    expect(shown()).toBe(start);
    act(() => void jest.advanceTimersByTime(1_000));
    expect(shown()).toBe(start + 30_000);
    expect(jest.getTimerCount()).toBe(1);

    act(() => lastCallback(useDidHide)());
    expect(jest.getTimerCount()).toBe(0);
    act(() => void jest.advanceTimersByTime(120_000));
    expect(shown()).toBe(start + 30_000);

    act(() => lastCallback(useDidShow)());
    expect(shown()).toBe(start + 150_000);
    expect(jest.getTimerCount()).toBe(1);

    act(() => lastCallback(useUnload)());
    expect(jest.getTimerCount()).toBe(0);
    act(() => lastCallback(useDidShow)());
    unmount();
    expect(jest.getTimerCount()).toBe(0);
  });
});
