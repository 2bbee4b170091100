import { maskPhone } from './phone-mask.util';

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('masks a landline with area code the same way', () => {
    expect(maskPhone('09515012345')).toBe('095****2345');
  });
  it('masks short strings completely and passes empty values through', () => {
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('')).toBeNull();
  });
});
