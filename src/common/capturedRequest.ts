/** A request to a webhook URL as "listen for a test request" shows it; the server captures it, the canvas shows it. */
export interface CapturedRequest {
  receivedAt: string;
  method: string;
  /** The query string, without the `?`. */
  query: string;
  /** Every header but the caller's credentials and cookies, by lower-case name. */
  headers: Record<string, string>;
  /** The body as text, when it could be read. */
  body: string | null;
  /** The status the request was answered with. */
  status: number;
}
