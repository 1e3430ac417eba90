import { createHmac, createPublicKey, KeyObject, verify } from 'node:crypto';
import {
  decodeBase64,
  failed,
  parseTimestamp,
  sameSignature,
  SignedRequest,
  VERIFIED,
  Verification,
  withinTolerance,
} from './verification';

const SYMMETRIC_PREFIX = 'whsec_';
const PUBLIC_KEY_PREFIX = 'whpk_';
/** An Ed25519 public key's DER (SubjectPublicKeyInfo) prefix; the raw 32 key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

type Key = { kind: 'symmetric'; secret: Buffer } | { kind: 'public'; key: KeyObject };

function keyOf(secret: string): Key | null {
  if (secret.startsWith(PUBLIC_KEY_PREFIX)) {
    const raw = decodeBase64(secret.slice(PUBLIC_KEY_PREFIX.length));
    if (!raw || raw.length !== 32) {
      return null;
    }
    return {
      kind: 'public',
      key: createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' }),
    };
  }
  const encoded = secret.startsWith(SYMMETRIC_PREFIX) ? secret.slice(SYMMETRIC_PREFIX.length) : secret;
  const bytes = decodeBase64(encoded);
  return bytes ? { kind: 'symmetric', secret: bytes } : null;
}

/** Whether a secret is one the Standard Webhooks scheme can use: `whsec_<base64>` or `whpk_<base64 Ed25519 key>`. */
export function isStandardWebhooksSecret(secret: string): boolean {
  return keyOf(secret) !== null;
}

/**
 * The Standard Webhooks scheme (standardwebhooks.com): `webhook-id`, `webhook-timestamp` and
 * `webhook-signature` headers; the signed content is `<id>.<timestamp>.<body>`; the signature header
 * holds space-separated `v1,<base64 HMAC-SHA256>` and `v1a,<base64 Ed25519>` signatures, any of which
 * may match any of the secrets (several secrets while one is rotated out).
 */
export function verifyStandardWebhook(
  request: SignedRequest,
  secrets: string[],
  toleranceSeconds: number,
): Verification {
  const id = request.header('webhook-id');
  const timestamp = request.header('webhook-timestamp');
  const signatures = request.header('webhook-signature');
  if (!id || !timestamp || !signatures) {
    return failed('missing');
  }
  const seconds = parseTimestamp(timestamp);
  if (seconds === null) {
    return failed('malformed');
  }
  if (!withinTolerance(seconds, request.now, toleranceSeconds)) {
    return failed('expired');
  }
  const given = signatures
    .split(' ')
    .filter(Boolean)
    .map((entry) => {
      const comma = entry.indexOf(',');
      return { version: entry.slice(0, comma), signature: decodeBase64(entry.slice(comma + 1)) };
    })
    .filter((entry): entry is { version: string; signature: Buffer } => entry.signature !== null);
  if (!given.length) {
    return failed('malformed');
  }
  const content = Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), request.rawBody]);
  for (const secret of secrets) {
    const key = keyOf(secret);
    if (key?.kind === 'symmetric') {
      const expected = createHmac('sha256', key.secret).update(content).digest();
      if (given.some(({ version, signature }) => version === 'v1' && sameSignature(signature, expected))) {
        return VERIFIED;
      }
    } else if (key?.kind === 'public') {
      if (given.some(({ version, signature }) => version === 'v1a' && verify(null, content, key.key, signature))) {
        return VERIFIED;
      }
    }
  }
  return failed('mismatch');
}
