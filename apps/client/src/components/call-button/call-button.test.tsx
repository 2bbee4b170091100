import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { CallButton as H5CallButton } from './call-button.h5';
import { CallButton as WeappCallButton } from './call-button.weapp';
import { callableNumber } from './callable.util';

describe('CallButton: one tap to call, wherever an unmasked phone is shown', () => {
  beforeEach(() => jest.clearAllMocks());

  it('H5: a tel: link with the digits only', () => {
    render(<H5CallButton phone="138-0951-1234" />);
    const link = screen.getByTestId('call');
    expect(link.tagName).toBe('A');
    expect(link.getAttribute('href')).toBe('tel:13809511234');
    expect(link.textContent).toContain('138-0951-1234');
    expect(Taro.makePhoneCall).not.toHaveBeenCalled();
  });

  it('weapp: Taro.makePhoneCall with the number, and the tap does not open the card under it', () => {
    const cardTap = jest.fn();
    render(
      <div onClick={cardTap}>
        <WeappCallButton phone="0951 5108826" label="拨打居民电话" />
      </div>,
    );
    const button = screen.getByTestId('call');
    expect(button.tagName).not.toBe('A');
    expect(button.textContent).toContain('拨打居民电话');
    fireEvent.click(button);
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '09515108826' });
    expect(cardTap).not.toHaveBeenCalled();
  });

  it('a masked number is shown as text, with nothing to tap, on both platforms', () => {
    for (const Button of [H5CallButton, WeappCallButton]) {
      const { container, unmount } = render(<Button phone="138****1234" />);
      expect(container.textContent).toBe('138****1234');
      expect(screen.queryByTestId('call')).toBeNull();
      unmount();
    }
    expect(render(<H5CallButton phone={null} />).container.textContent).toBe('');
  });

  it('callableNumber keeps digits, a leading + and refuses anything else', () => {
    expect(callableNumber('+86 138 0951 1234')).toBe('+8613809511234');
    expect(callableNumber('请拨 12345')).toBeNull();
    expect(callableNumber('')).toBeNull();
  });
});
