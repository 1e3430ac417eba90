import { timingSafeEqual } from 'node:crypto';

/** Which check of a signed request failed; each has its own message for the sender. */
export type SignatureFailure = 'missing' | 'malformed' | 'expired' | 'mismatch';

export type Verification = { verified: true } | { verified: false; failure: SignatureFailure };

export const VERIFIED: Verification = { verified: true };

export function failed(failure: SignatureFailure): Verification {
  return { verified: false, failure };
}

/** What a verifier reads of a request: its headers by lower-case name, its body as received, and now. */
export interface SignedRequest {
  header(name: string): string | undefined;
  rawBody: Buffer;
  now: Date;
}

/**
 * Whether two signatures are the same bytes, in constant time. Signatures are digests of a fixed
 * length, so comparing lengths first leaks nothing an attacker does not know already.
 */
export function sameSignature(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether a Unix timestamp (seconds) is within `toleranceSeconds` of now, in either direction. */
export function withinTolerance(timestampSeconds: number, now: Date, toleranceSeconds: number): boolean {
  return Math.abs(now.getTime() / 1000 - timestampSeconds) <= toleranceSeconds;
}

/** A timestamp header's value as seconds, or null when it is not a whole number. */
export function parseTimestamp(value: string): number | null {
  return /^\d{1,16}$/.test(value.trim()) ? Number(value.trim()) : null;
}

export function decodeHex(value: string): Buffer | null {
  return /^(?:[0-9a-fA-F]{2})+$/.test(value) ? Buffer.from(value, 'hex') : null;
}

export function decodeBase64(value: string): Buffer | null {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0 ? Buffer.from(value, 'base64') : null;
}
