import { createHash, timingSafeEqual } from 'node:crypto';
import parseBasicAuth from 'basic-auth';

interface Credentials {
  username: string;
  password: string;
}

/** Equal-length digests compared in constant time, so neither length nor content leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Whether an Authorization header carries exactly these Basic credentials. */
export function hasBasicCredentials(authorization: string | undefined, expected: Credentials): boolean {
  const given = authorization ? parseBasicAuth.parse(authorization) : undefined;
  if (!given) {
    return false;
  }
  // Both comparisons always run: which of the two was wrong must not show in the timing.
  const usernameMatches = sameSecret(given.name, expected.username);
  const passwordMatches = sameSecret(given.pass, expected.password);
  return usernameMatches && passwordMatches;
}
