import type { LocaleKey } from '../../locale';

/**
 * An error the client is told about: its status, a translated message, and the headers the status
 * calls for (Allow for 405, WWW-Authenticate for 401, Retry-After for 503). Never internals.
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

export const webhookErrors = {
  notFound: () => new HttpError(404, 'No webhook is enabled at this address.'),
  methodNotAllowed: () => new HttpError(405, 'Webhooks accept only POST requests.', { Allow: 'POST' }),
  unauthorized: () =>
    new HttpError(401, 'Missing or wrong credentials.', { 'WWW-Authenticate': 'Basic realm="webhook"' }),
  malformedJson: () => new HttpError(400, 'The request body is not valid JSON.'),
  unsupportedMediaType: () => new HttpError(415, 'Send the body as JSON (Content-Type: application/json).'),
  tooLarge: () => new HttpError(413, 'The request body is too large.'),
  unavailable: () =>
    new HttpError(503, 'The webhook cannot accept requests right now. Please retry later.', { 'Retry-After': '30' }),
};
