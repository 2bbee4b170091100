import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { callableNumber, type CallButtonProps } from './callable.util';

/** Mini-program: links do not dial; wx.makePhoneCall asks the user and opens the dialler. */
export function CallButton({ phone, label }: CallButtonProps) {
  const number = callableNumber(phone);
  if (!number) return phone ? <Text className="call call--masked">{phone}</Text> : null;
  return (
    <Text
      className="call"
      data-testid="call"
      onClick={(e) => {
        e.stopPropagation();
        void Taro.makePhoneCall({ phoneNumber: number }).catch(() => undefined);
      }}
    >
      📞 {label ?? phone}
    </Text>
  );
}
