import { PIN_OVERDUE, PIN_WARNED, pinColor } from './plan-pin.util';

describe('pinColor', () => {
  it('overdue wins over warned, warned over the status', () => {
    expect(pinColor({ status: 'accepted', overdue: true, warned: true })).toBe(PIN_OVERDUE);
    expect(pinColor({ status: 'accepted', overdue: false, warned: true })).toBe(PIN_WARNED);
  });
  it('otherwise one colour per open status', () => {
    const colours = (['submitted', 'dispatched', 'accepted'] as const).map((status) => pinColor({ status, overdue: false, warned: false }));
    expect(new Set(colours).size).toBe(3);
    expect(colours).not.toContain(PIN_OVERDUE);
    expect(colours).not.toContain(PIN_WARNED);
  });
});
