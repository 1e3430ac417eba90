import { TextDecoder } from 'node:util';
import type { Context } from '@nocobase/actions';
import { get, isPlainObject } from 'lodash';
import qs from 'qs';
import getRawBody from 'raw-body';
import secureJson from 'secure-json-parse';
import { HttpError, webhookErrors } from '../http/errors';
import { ParsedItem, RESERVED_NAMES, WebhookConfig } from './config';
import type { WebhookEventContext } from './WebhookTrigger';

/** Request body size limit: 1 MiB unless HOOKFLOW_WEBHOOK_BODY_LIMIT (bytes) says otherwise. */
export function webhookBodyLimit(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.HOOKFLOW_WEBHOOK_BODY_LIMIT);
  return Number.isInteger(configured) && configured > 0 ? configured : 1024 * 1024;
}

/** How long a body may take to arrive: 10 s unless HOOKFLOW_WEBHOOK_BODY_TIMEOUT_SECONDS says otherwise. */
export function webhookBodyTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.HOOKFLOW_WEBHOOK_BODY_TIMEOUT_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 10) * 1000;
}

/** Headers that carry the caller's credentials: never kept, even when a header list declares them, nor shown. */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie']);

/** Query strings and form bodies are parsed alike, nested keys included, within these bounds. */
const FORM_LIMITS = { depth: 10, arrayLimit: 100, parameterLimit: 1000, allowPrototypes: false } as const;

function declaredHeaders(ctx: Context, config: WebhookConfig): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key } of config.request?.headers ?? []) {
    const name = key.toLowerCase();
    const value = ctx.get(name);
    if (!CREDENTIAL_HEADERS.has(name) && value) {
      headers[name] = value;
    }
  }
  return headers;
}

/** The parsed part with each declared item's value also under its variable name (`body_$0`). */
function withVariables(parsed: unknown, items: ParsedItem[] | undefined): unknown {
  if (!isPlainObject(parsed) || !items?.length) {
    return parsed;
  }
  const result: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
  for (const item of items) {
    if (item._var && !RESERVED_NAMES.includes(item._var)) {
      result[item._var] = get(parsed, item.key);
    }
  }
  return result;
}

/**
 * The body's bytes exactly as sent (signatures are computed on them), up to the limit and within the
 * body timeout: a sender that trickles its body in is answered 408 and its connection closed.
 */
export async function readRawBody(ctx: Context, limit = webhookBodyLimit()): Promise<Buffer> {
  if (!ctx.request.length && !ctx.get('transfer-encoding')) {
    return Buffer.alloc(0);
  }
  const encoding = ctx.get('content-encoding').toLowerCase();
  if (encoding && encoding !== 'identity') {
    throw webhookErrors.unsupportedMediaType();
  }
  let timer: NodeJS.Timeout | undefined;
  const reading = getRawBody(ctx.req, { length: ctx.request.length, limit });
  const tooSlow = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(webhookErrors.bodyTimeout()), webhookBodyTimeoutMs());
  });
  try {
    return await Promise.race([reading, tooSlow]);
  } catch (error) {
    if (error instanceof HttpError) {
      // The rest of the body may never come: stop waiting for it.
      reading.catch(() => undefined);
      throw error;
    }
    if ((error as { type?: string }).type === 'entity.too.large') {
      throw webhookErrors.tooLarge();
    }
    throw webhookErrors.unreadableBody();
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What a JSON body may hold: nesting depth, keys and array items in all, and the length of one string.
 * The size limit bounds the bytes; these bound what a small body can make the workflow engine walk.
 */
export const JSON_LIMITS = { depth: 32, entries: 10_000, stringLength: 256 * 1024 } as const;

/** Checks a parsed body against JSON_LIMITS without recursion, so a deep body cannot exhaust the stack. */
function checkJsonLimits(value: unknown) {
  const pending: [unknown, number][] = [[value, 0]];
  let entries = 0;
  while (pending.length) {
    const [current, depth] = pending.pop()!;
    if (typeof current === 'string') {
      if (current.length > JSON_LIMITS.stringLength) {
        throw webhookErrors.jsonStringTooLong();
      }
      continue;
    }
    if (current === null || typeof current !== 'object') {
      continue;
    }
    if (depth >= JSON_LIMITS.depth) {
      throw webhookErrors.jsonTooDeep();
    }
    const children = Array.isArray(current) ? current : Object.values(current);
    entries += children.length;
    if (entries > JSON_LIMITS.entries) {
      throw webhookErrors.jsonTooManyEntries();
    }
    for (const child of children) {
      pending.push([child, depth + 1]);
    }
  }
}

type BodyKind = 'json' | 'form' | 'text';

function bodyKind(ctx: Context): BodyKind | null {
  if (ctx.request.is('application/json', 'application/*+json')) {
    return 'json';
  }
  if (ctx.request.is('application/x-www-form-urlencoded')) {
    return 'form';
  }
  return ctx.request.is('text/*', 'application/xml', 'application/*+xml') ? 'text' : null;
}

function decodeText(ctx: Context, rawBody: Buffer): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(ctx.request.charset || 'utf-8');
  } catch {
    throw webhookErrors.unsupportedMediaType();
  }
  return decoder.decode(rawBody);
}

/**
 * The body as the workflow sees it: JSON parsed (without `__proto__` and `constructor` keys), a form
 * parsed with nested keys as a query string is, any text type as a string; an empty body is `{}`.
 * Other types (multipart, binary) are refused with 415.
 */
export function parseBody(ctx: Context, rawBody: Buffer): unknown {
  if (!rawBody.length) {
    return {};
  }
  const kind = bodyKind(ctx);
  if (!kind) {
    throw webhookErrors.unsupportedMediaType();
  }
  const text = decodeText(ctx, rawBody);
  if (kind === 'text') {
    return text;
  }
  if (kind === 'form') {
    return qs.parse(text, FORM_LIMITS);
  }
  if (!text.trim()) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' });
  } catch {
    throw webhookErrors.malformedJson();
  }
  checkJsonLimits(parsed);
  return parsed;
}

/**
 * What the workflow sees of a webhook request: the declared headers, the whole query string and the
 * whole body, each with its declared items also under their variable names; whether its signature
 * was verified; and, when the trigger offers it, the body as received.
 */
export function webhookEvent(
  ctx: Context,
  config: WebhookConfig,
  body: unknown,
  rawBody: Buffer,
  verified: boolean,
): WebhookEventContext {
  const query = qs.parse(ctx.querystring, FORM_LIMITS);
  return {
    headers: declaredHeaders(ctx, config),
    query: withVariables(query, config.request?.query),
    body: withVariables(body, config.request?.body),
    verified,
    ...(config.request?.rawBody ? { rawBody: decodeText(ctx, rawBody) } : {}),
  };
}
