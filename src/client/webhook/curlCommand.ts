import qs from 'qs';

/** What a stored request (an inbox row) holds that a curl command repeats. */
export interface StoredRequest {
  headers?: Record<string, string> | null;
  query?: unknown;
  body?: unknown;
  rawBody?: string | null;
}

/** Header names whose values are credentials: never copied. */
const SECRET_HEADER = /authorization|cookie|token|secret|signature|api-?key|password/i;

function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A curl command that sends a stored request to the webhook again, for a shell: its query, its declared
 * headers (credentials, tokens, signatures and cookies replaced by <redacted>) and its body as received
 * when the trigger kept it, else as JSON.
 */
export function curlCommand(url: string, request: StoredRequest): string {
  const query = request.query && typeof request.query === 'object' ? qs.stringify(request.query) : '';
  const parts = [`curl -X POST ${quoted(query ? `${url}?${query}` : url)}`];
  const headers = request.headers ?? {};
  for (const [name, value] of Object.entries(headers)) {
    parts.push(`-H ${quoted(`${name}: ${SECRET_HEADER.test(name) ? '<redacted>' : value}`)}`);
  }
  const body =
    request.rawBody ??
    (typeof request.body === 'string' ? request.body : request.body === undefined ? '' : JSON.stringify(request.body));
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    parts.push(
      `-H ${quoted(`content-type: ${typeof request.body === 'string' && !request.rawBody ? 'text/plain' : 'application/json'}`)}`,
    );
  }
  if (body) {
    parts.push(`--data-raw ${quoted(body)}`);
  }
  return parts.join(' \\\n  ');
}
