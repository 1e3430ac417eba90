import type { LocaleKey } from '../../locale';
import type { SignatureFailure } from '../webhook/signature/verification';

/**
 * An error the client is told about: its status, a translated message, and the headers the status
 * calls for (Allow for 405, WWW-Authenticate for 401, Retry-After for 429 and 503). Never internals.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: LocaleKey,
    readonly headers: Record<string, string> = {},
  ) {
    super(messageKey);
    this.name = 'HttpError';
  }
}

const SIGNATURE_MESSAGES: Record<SignatureFailure, LocaleKey> = {
  missing: 'The request is not signed: its signature header is missing.',
  malformed: 'The signature header is malformed.',
  expired: 'The signature timestamp is outside the allowed tolerance.',
  mismatch: 'The signature does not match the request.',
};

export const interceptionErrors = {
  valueDoesNotFit: () => new HttpError(400, 'A value of the request does not fit the field it is meant for.'),
};

export const webhookErrors = {
  notFound: () => new HttpError(404, 'No webhook is enabled at this address.'),
  methodNotAllowed: () => new HttpError(405, 'Webhooks accept only POST requests.', { Allow: 'POST' }),
  unauthorized: () =>
    new HttpError(401, 'Missing or wrong credentials.', { 'WWW-Authenticate': 'Basic realm="webhook"' }),
  signatureRejected: (failure: SignatureFailure) =>
    new HttpError(401, SIGNATURE_MESSAGES[failure], { 'WWW-Authenticate': 'Signature realm="webhook"' }),
  forbiddenAddress: () => new HttpError(403, 'This address may not call this webhook.'),
  tooManyRequests: (retryAfterSeconds: number) =>
    new HttpError(429, 'Too many requests to this webhook. Retry later.', { 'Retry-After': String(retryAfterSeconds) }),
  deliveryInProgress: () =>
    new HttpError(409, 'This delivery is already being processed. Retry later.', { 'Retry-After': '5' }),
  malformedJson: () => new HttpError(400, 'The request body is not valid JSON.'),
  jsonTooDeep: () => new HttpError(400, 'The JSON body nests deeper than 32 levels.'),
  jsonTooManyEntries: () => new HttpError(413, 'The JSON body holds more than 10000 keys and items.'),
  jsonStringTooLong: () => new HttpError(413, 'A string in the JSON body is longer than 262144 characters.'),
  unsupportedMediaType: () =>
    new HttpError(415, 'Send the body as JSON, as a form (application/x-www-form-urlencoded) or as text.'),
  tooLarge: () => new HttpError(413, 'The request body is too large.'),
  unreadableBody: () => new HttpError(400, 'The request body could not be read.'),
  bodyTimeout: () => new HttpError(408, 'The request body did not arrive in time.', { Connection: 'close' }),
  unavailable: () =>
    new HttpError(503, 'The webhook cannot accept requests right now. Please retry later.', { 'Retry-After': '30' }),
};
