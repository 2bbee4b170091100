import { nearestPin, planUnitsPerPixel, tapPosition, tapToPlan } from './site-plan-tap.util';

const sheet = { width: 240, height: 200 };

describe('tap → plan coordinates', () => {
  it('maps an image exactly the sheet’s shape linearly (widthFix)', () => {
    const rect = { left: 12, top: 300, width: 360, height: 300 };
    expect(tapToPlan({ x: 12, y: 300 }, rect, sheet)).toEqual({ x: 0, y: 0 });
    expect(tapToPlan({ x: 372, y: 600 }, rect, sheet)).toEqual({ x: 240, y: 200 });
    expect(tapToPlan({ x: 12 + 180, y: 300 + 75 }, rect, sheet)).toEqual({ x: 120, y: 50 });
  });

  it('takes the letterbox into account when the box is taller than the sheet (aspectFit)', () => {
    // 240 × 200 into 240 × 300: scale 1, 50 px empty above and below.
    const rect = { left: 0, top: 100, width: 240, height: 300 };
    expect(tapToPlan({ x: 30, y: 150 }, rect, sheet)).toEqual({ x: 30, y: 0 });
    expect(tapToPlan({ x: 30, y: 250 }, rect, sheet)).toEqual({ x: 30, y: 100 });
    expect(tapToPlan({ x: 30, y: 120 }, rect, sheet)).toBeNull();
    expect(tapToPlan({ x: 30, y: 380 }, rect, sheet)).toBeNull();
  });

  it('takes the letterbox into account when the box is wider than the sheet', () => {
    // 240 × 200 into 600 × 200: scale 1, 180 px empty left and right.
    const rect = { left: 0, top: 0, width: 600, height: 200 };
    expect(tapToPlan({ x: 180, y: 10 }, rect, sheet)).toEqual({ x: 0, y: 10 });
    expect(tapToPlan({ x: 300, y: 100 }, rect, sheet)).toEqual({ x: 120, y: 100 });
    expect(tapToPlan({ x: 100, y: 100 }, rect, sheet)).toBeNull();
  });

  it('rounds to a tenth of a unit and refuses an unlaid-out image', () => {
    expect(tapToPlan({ x: 1 / 3, y: 2 / 3 }, { left: 0, top: 0, width: 240, height: 200 }, sheet)).toEqual({ x: 0.3, y: 0.7 });
    expect(tapToPlan({ x: 10, y: 10 }, { left: 0, top: 0, width: 0, height: 0 }, sheet)).toBeNull();
  });

  it('reads the tap position from a WeChat touch, an H5 mouse event, or detail', () => {
    expect(tapPosition({ changedTouches: [{ clientX: 5, clientY: 6 }], detail: { x: 50, y: 60 } })).toEqual({ x: 5, y: 6 });
    expect(tapPosition({ clientX: 7, clientY: 8 })).toEqual({ x: 7, y: 8 });
    expect(tapPosition({ detail: { x: 9, y: 10 } })).toEqual({ x: 9, y: 10 });
    expect(tapPosition({})).toBeNull();
  });

  it('finds the nearest pin within a finger’s width', () => {
    const rect = { left: 0, top: 0, width: 120, height: 100 };
    expect(planUnitsPerPixel(rect, sheet)).toBe(2);
    const pins = [{ id: 1, planPoint: { x: 10, y: 10 } }, { id: 2, planPoint: { x: 20, y: 10 } }];
    expect(nearestPin(pins, { x: 18, y: 11 }, 12)?.id).toBe(2);
    expect(nearestPin(pins, { x: 60, y: 60 }, 12)).toBeNull();
  });
});
