import { hasBasicCredentials } from '../../src/server/webhook/basicAuth';

const expected = { username: 'sender', password: 'pa:ss wörd' };
const header = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('Basic credentials are checked exactly', () => {
  it('accepts the configured username and password, colons and non-ASCII included', () => {
    expect(hasBasicCredentials(header('sender', 'pa:ss wörd'), expected)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a bearer token', 'Bearer abc'],
    ['a wrong password', header('sender', 'pa:ss word')],
    ['a wrong username', header('Sender', 'pa:ss wörd')],
    ['a password prefix', header('sender', 'pa:ss')],
    ['garbage after Basic', 'Basic !!!'],
  ])('refuses %s', (_case, value) => {
    expect(hasBasicCredentials(value, expected)).toBe(false);
  });
});
