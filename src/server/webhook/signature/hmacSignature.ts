import { createHmac } from 'node:crypto';
import type { HMAC_ALGORITHMS, HMAC_ENCODINGS } from '../../../common/webhookConfig';
import {
  decodeBase64,
  decodeHex,
  failed,
  parseTimestamp,
  sameSignature,
  SignedRequest,
  VERIFIED,
  Verification,
  withinTolerance,
} from './verification';

export interface HmacScheme {
  header: string;
  algorithm: (typeof HMAC_ALGORITHMS)[number];
  encoding: (typeof HMAC_ENCODINGS)[number];
  /** What precedes the signature in the header, e.g. `sha256=`. */
  prefix?: string;
  /** A header with the Unix time of signing (seconds); checked against the tolerance. */
  timestampHeader?: string;
  /** What was signed: `{body}` and `{timestamp}` are replaced; default `{body}`, or `{timestamp}.{body}` with a timestamp header. */
  signedContent?: string;
}

/** The bytes a custom HMAC scheme signs: its template with the timestamp and the exact body bytes put in. */
function signedBytes(template: string, timestamp: string, rawBody: Buffer): Buffer {
  const parts = template.split('{body}');
  const chunks: Buffer[] = [];
  parts.forEach((part, index) => {
    if (index > 0) {
      chunks.push(rawBody);
    }
    chunks.push(Buffer.from(part.split('{timestamp}').join(timestamp), 'utf8'));
  });
  return Buffer.concat(chunks);
}

/** A sender's own HMAC scheme, described by its header, algorithm, encoding and what it signs. */
export function verifyHmacSignature(
  request: SignedRequest,
  secrets: string[],
  scheme: HmacScheme,
  toleranceSeconds: number,
): Verification {
  const header = request.header(scheme.header.toLowerCase());
  const timestamp = scheme.timestampHeader ? request.header(scheme.timestampHeader.toLowerCase()) : '';
  if (!header || timestamp === undefined) {
    return failed('missing');
  }
  const prefix = scheme.prefix ?? '';
  if (!header.startsWith(prefix)) {
    return failed('malformed');
  }
  const encoded = header.slice(prefix.length).trim();
  const given = scheme.encoding === 'hex' ? decodeHex(encoded) : decodeBase64(encoded);
  if (!given) {
    return failed('malformed');
  }
  if (scheme.timestampHeader) {
    const seconds = parseTimestamp(timestamp);
    if (seconds === null) {
      return failed('malformed');
    }
    if (!withinTolerance(seconds, request.now, toleranceSeconds)) {
      return failed('expired');
    }
  }
  const template = scheme.signedContent ?? (scheme.timestampHeader ? '{timestamp}.{body}' : '{body}');
  const content = signedBytes(template, timestamp, request.rawBody);
  for (const secret of secrets) {
    const expected = createHmac(scheme.algorithm, secret).update(content).digest();
    if (sameSignature(given, expected)) {
      return VERIFIED;
    }
  }
  return failed('mismatch');
}
