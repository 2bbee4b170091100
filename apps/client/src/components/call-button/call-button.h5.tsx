import { Text } from '@tarojs/components';
import { callableNumber, type CallButtonProps } from './callable.util';

/** H5: a plain tel: link, which a phone's browser hands to the dialler. */
export function CallButton({ phone, label }: CallButtonProps) {
  const number = callableNumber(phone);
  if (!number) return phone ? <Text className="call call--masked">{phone}</Text> : null;
  return (
    <a className="call" href={`tel:${number}`} data-testid="call" aria-label={`拨打 ${number}`} onClick={(e) => e.stopPropagation()}>
      📞 {label ?? phone}
    </a>
  );
}
