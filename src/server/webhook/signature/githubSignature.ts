import { createHmac } from 'node:crypto';
import { decodeHex, failed, sameSignature, SignedRequest, VERIFIED, Verification } from './verification';

const HEADER = 'x-hub-signature-256';
const PREFIX = 'sha256=';

/** GitHub's scheme: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`, keyed by the webhook secret. */
export function verifyGithubSignature(request: SignedRequest, secrets: string[]): Verification {
  const header = request.header(HEADER);
  if (!header) {
    return failed('missing');
  }
  const given = header.startsWith(PREFIX) ? decodeHex(header.slice(PREFIX.length)) : null;
  if (!given) {
    return failed('malformed');
  }
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(request.rawBody).digest();
    if (sameSignature(given, expected)) {
      return VERIFIED;
    }
  }
  return failed('mismatch');
}
