import { createHmac } from 'node:crypto';
import {
  decodeHex,
  failed,
  parseTimestamp,
  sameSignature,
  SignedRequest,
  VERIFIED,
  Verification,
  withinTolerance,
} from './verification';

const HEADER = 'stripe-signature';

/**
 * Stripe's scheme: `Stripe-Signature: t=<timestamp>,v1=<hex>[,v1=<hex>…]`, each v1 an HMAC-SHA256 of
 * `<timestamp>.<body>` keyed by the endpoint's signing secret (`whsec_…`, used as it is).
 */
export function verifyStripeSignature(
  request: SignedRequest,
  secrets: string[],
  toleranceSeconds: number,
): Verification {
  const header = request.header(HEADER);
  if (!header) {
    return failed('missing');
  }
  let timestamp: string | undefined;
  const given: Buffer[] = [];
  for (const item of header.split(',')) {
    const equals = item.indexOf('=');
    const name = item.slice(0, equals).trim();
    const value = item.slice(equals + 1).trim();
    if (name === 't') {
      timestamp = value;
    } else if (name === 'v1') {
      const signature = decodeHex(value);
      if (signature) {
        given.push(signature);
      }
    }
  }
  const seconds = timestamp === undefined ? null : parseTimestamp(timestamp);
  if (seconds === null || !given.length) {
    return failed('malformed');
  }
  if (!withinTolerance(seconds, request.now, toleranceSeconds)) {
    return failed('expired');
  }
  const content = Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), request.rawBody]);
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(content).digest();
    if (given.some((signature) => sameSignature(signature, expected))) {
      return VERIFIED;
    }
  }
  return failed('mismatch');
}
