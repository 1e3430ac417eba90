/** The values a webhook trigger's config may take, shared by its server validation and its canvas form. */

export const SIGNATURE_TYPES = ['standard-webhooks', 'github', 'stripe', 'hmac'] as const;
export type SignatureType = (typeof SIGNATURE_TYPES)[number];

export const HMAC_ALGORITHMS = ['sha1', 'sha256', 'sha512'] as const;
export const HMAC_ENCODINGS = ['hex', 'base64'] as const;

/** How far a signed timestamp may be from now, by default and at most. */
export const DEFAULT_TOLERANCE_SECONDS = 300;
export const MAX_TOLERANCE_SECONDS = 86_400;

/** The longest deduplication window (30 days) and the longest rate-limit period (a day). */
export const MAX_DEDUPE_WINDOW_SECONDS = 2_592_000;
export const MAX_RATE_LIMIT_PERIOD_SECONDS = 86_400;

export const CONDITION_SOURCES = ['headers', 'query', 'body'] as const;
export const CONDITION_OPERATORS = ['equals', 'in', 'exists'] as const;

/** How long "listen for a test request" waits at most. */
export const LISTEN_TIMEOUT_SECONDS = 120;
