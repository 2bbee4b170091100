/**
 * A number worth a call button: the API masks phones for whoever has no need of them (138****5678),
 * and a masked number cannot be dialled. Digits, spaces, dashes and a leading + only.
 */
export function callableNumber(phone: string | null | undefined): string | null {
  if (!phone || phone.includes('*')) return null;
  const digits = phone.replace(/[\s-]/g, '');
  return /^\+?\d{3,20}$/.test(digits) ? digits : null;
}

export interface CallButtonProps {
  phone: string | null | undefined;
  /** What the button says; the number itself by default. */
  label?: string;
}
