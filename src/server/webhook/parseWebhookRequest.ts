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

/** Headers never kept, even when a header list declares them: the caller's credentials. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

const QUERY_LIMITS = { depth: 10, arrayLimit: 100, parameterLimit: 1000, allowPrototypes: false } as const;

function declaredHeaders(ctx: Context, config: WebhookConfig): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key } of config.request?.headers ?? []) {
    const name = key.toLowerCase();
    const value = ctx.get(name);
    if (!SECRET_HEADERS.has(name) && value) {
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

function isJsonRequest(ctx: Context): boolean {
  return Boolean(ctx.request.is('application/json', 'application/*+json'));
}

async function readJsonBody(ctx: Context, limit: number): Promise<unknown> {
  if (!ctx.request.length && !ctx.get('transfer-encoding')) {
    return {};
  }
  if (!isJsonRequest(ctx)) {
    throw webhookErrors.unsupportedMediaType();
  }
  const encoding = ctx.get('content-encoding').toLowerCase();
  if (encoding && encoding !== 'identity') {
    throw webhookErrors.unsupportedMediaType();
  }
  let text: string;
  try {
    text = await getRawBody(ctx.req, { length: ctx.request.length, limit, encoding: ctx.request.charset || 'utf-8' });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      throw webhookErrors.tooLarge();
    }
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      throw webhookErrors.unsupportedMediaType();
    }
    throw new HttpError(400, 'The request body could not be read.');
  }
  if (!text.trim()) {
    return {};
  }
  try {
    return secureJson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' });
  } catch {
    throw webhookErrors.malformedJson();
  }
}

/**
 * What the workflow sees of a webhook request: the declared headers, the whole query string and the
 * whole JSON body, each with its declared items also under their variable names.
 */
export async function parseWebhookRequest(
  ctx: Context,
  config: WebhookConfig,
  limit = webhookBodyLimit(),
): Promise<WebhookEventContext> {
  const body = await readJsonBody(ctx, limit);
  const query = qs.parse(ctx.querystring, QUERY_LIMITS);
  return {
    headers: declaredHeaders(ctx, config),
    query: withVariables(query, config.request?.query),
    body: withVariables(body, config.request?.body),
  };
}
