import { hashPassword, verifyPassword } from './password.util';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('红管家-2026');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    await expect(verifyPassword('红管家-2026', hash)).resolves.toBe(true);
    await expect(verifyPassword('红管家-2027', hash)).resolves.toBe(false);
  });
  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toEqual(await hashPassword('same'));
  });
  it('refuses accounts without a password and malformed hashes', async () => {
    await expect(verifyPassword('x', null)).resolves.toBe(false);
    await expect(verifyPassword('x', 'md5$abc')).resolves.toBe(false);
  });
});
