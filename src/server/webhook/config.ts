import Joi from 'joi';
import { HEADER_NAME, responseBodySchema, responseHeadersSchema, statusCodeSchema } from '../validation/httpSchemas';
import { isAddressOrRange } from './allowedAddresses';
import type { RateLimit } from './RateLimiter';
import {
  CONDITION_OPERATORS,
  CONDITION_SOURCES,
  MAX_DEDUPE_WINDOW_SECONDS,
  MAX_RATE_LIMIT_PERIOD_SECONDS,
} from '../../common/webhookConfig';
import type { RequestCondition } from './requestConditions';
import { SignatureConfig, signatureSchema } from './signature/signatureConfig';

export interface ParsedItem {
  /** A path into the parsed part: `data.id`, `query[0].a`. */
  key: string;
  /** The title the canvas shows for the variable. */
  alias?: string;
  /** The variable name (`body_$0`): `$context.body.body_$0` is the value at `key`. */
  _var?: string;
}

export interface WebhookResponseConfig {
  statusCode?: number;
  headers?: { name: string; value: string }[];
  body?: unknown;
}

/** The same shape as NocoBase's commercial webhook trigger, so workflows move between the two. */
export interface WebhookConfig {
  basicAuthentication?: false | { username: string; password: string };
  /** The sender signs the body: its scheme and secret(s). Checked on the body bytes as received. */
  signature?: SignatureConfig;
  /** Retries of a delivery inside the window get the first answer and run nothing. */
  dedupe?: DedupeConfig;
  rateLimit?: RateLimit;
  /** Requests that do not pass every condition are acknowledged and run nothing. */
  conditions?: RequestCondition[];
  /** Addresses and CIDR ranges allowed to call; others get 403. */
  allowedIps?: string[];
  request?: {
    /** A header is read by its name; the alias only titles it in the canvas. */
    headers?: { key: string; alias?: string }[];
    query?: ParsedItem[];
    body?: ParsedItem[];
    /** Also offer the body as received, as text: `$context.rawBody`. */
    rawBody?: boolean;
  };
  /** The answer of an asynchronous webhook; a synchronous one answers through its Response node. */
  response?: WebhookResponseConfig;
}

export interface DedupeConfig {
  /** The header with the delivery id; signature presets have a default, Stripe's is the event id of the body. */
  header?: string;
  windowSeconds: number;
}

/** The delivery id header each signature preset's senders set. */
export const DEFAULT_DEDUPE_HEADERS: Partial<Record<SignatureConfig['type'], string>> = {
  'standard-webhooks': 'webhook-id',
  github: 'x-github-delivery',
};

/** Names that would reach an object's prototype if used as a property. */
export const RESERVED_NAMES = ['__proto__', 'constructor', 'prototype'];

const keyMessages = {
  'any.required': 'Each parsed item needs a key.',
  'string.empty': 'Each parsed item needs a key.',
  'string.base': 'A key must be text.',
};

/** The title the canvas shows for a declared item. */
const aliasSchema = Joi.string().allow('').messages({ 'string.base': 'An alias must be text.' });

const parsedItems = Joi.array()
  .items(
    Joi.object({
      key: Joi.string().required().messages(keyMessages),
      alias: aliasSchema,
      _var: Joi.string()
        .pattern(/^[A-Za-z_$][\w$]*$/)
        .invalid(...RESERVED_NAMES)
        .messages({
          'string.pattern.base': 'A variable name may use only letters, digits, _ and $.',
          'any.invalid': 'A variable name cannot be __proto__, constructor or prototype.',
        }),
    }).unknown(false),
  )
  .messages({ 'array.base': 'Parsed items must be a list.' });

const dedupeSchema = Joi.object({
  header: Joi.string().pattern(HEADER_NAME).messages({
    'string.pattern.base': "A header name may use only letters, digits and !#$%&'*+-.^_`|~.",
    'string.empty': "A header name may use only letters, digits and !#$%&'*+-.^_`|~.",
    'string.base': "A header name may use only letters, digits and !#$%&'*+-.^_`|~.",
  }),
  windowSeconds: Joi.number().integer().min(1).max(MAX_DEDUPE_WINDOW_SECONDS).required().messages({
    'any.required': 'Deduplication needs a window in seconds, from 1 to 2592000 (30 days).',
    'number.base': 'Deduplication needs a window in seconds, from 1 to 2592000 (30 days).',
    'number.integer': 'Deduplication needs a window in seconds, from 1 to 2592000 (30 days).',
    'number.min': 'Deduplication needs a window in seconds, from 1 to 2592000 (30 days).',
    'number.max': 'Deduplication needs a window in seconds, from 1 to 2592000 (30 days).',
  }),
})
  .unknown(false)
  .messages({ 'object.unknown': 'The deduplication settings contain an unknown field.' });

const rateLimitMessage = 'A rate limit needs a number of requests (at least 1) and a period in seconds (1 to 86400).';
const rateLimitSchema = Joi.object({
  requests: Joi.number().integer().min(1).required(),
  perSeconds: Joi.number().integer().min(1).max(MAX_RATE_LIMIT_PERIOD_SECONDS).required(),
})
  .unknown(false)
  .messages({
    'any.required': rateLimitMessage,
    'number.base': rateLimitMessage,
    'number.integer': rateLimitMessage,
    'number.min': rateLimitMessage,
    'number.max': rateLimitMessage,
    'object.base': rateLimitMessage,
    'object.unknown': rateLimitMessage,
  });

const conditionMessage =
  'Each condition needs a source (headers, query or body), a key and an operator (equals, in or exists).';
const conditionsSchema = Joi.array()
  .items(
    Joi.object({
      source: Joi.string()
        .valid(...CONDITION_SOURCES)
        .required(),
      key: Joi.string().required(),
      operator: Joi.string()
        .valid(...CONDITION_OPERATORS)
        .required(),
      value: Joi.when('operator', {
        switch: [
          { is: 'in', then: Joi.array().items(Joi.string(), Joi.number(), Joi.boolean()).min(1).required() },
          {
            is: 'equals',
            then: Joi.alternatives().try(Joi.string().allow(''), Joi.number(), Joi.boolean()).required(),
          },
        ],
        otherwise: Joi.forbidden(),
      }).messages({
        'any.required': 'A condition "equals" needs a value, and "in" a list of values.',
        'array.base': 'A condition "equals" needs a value, and "in" a list of values.',
        'array.min': 'A condition "equals" needs a value, and "in" a list of values.',
        'alternatives.match': 'A condition "equals" needs a value, and "in" a list of values.',
        'any.unknown': 'A condition "exists" takes no value.',
      }),
    })
      .unknown(false)
      .messages({
        'any.required': conditionMessage,
        'any.only': conditionMessage,
        'string.base': conditionMessage,
        'string.empty': conditionMessage,
        'object.unknown': conditionMessage,
        'object.base': conditionMessage,
      }),
  )
  .messages({ 'array.base': conditionMessage });

const allowedIpsMessage = 'Each allowed address must be an IP address or a CIDR range, e.g. 203.0.113.0/24.';
const allowedIpsSchema = Joi.array()
  .items(
    Joi.string().custom((value: string, helpers) => (isAddressOrRange(value) ? value : helpers.error('any.invalid'))),
  )
  .messages({ 'any.invalid': allowedIpsMessage, 'string.base': allowedIpsMessage, 'array.base': allowedIpsMessage });

export const webhookConfigSchema = Joi.object<WebhookConfig>({
  basicAuthentication: Joi.alternatives().conditional(Joi.object(), {
    otherwise: Joi.valid(false).messages({
      'any.only': 'Basic authentication must be off (false) or a username and password.',
    }),
    then: Joi.object({
      username: Joi.string().required().messages({
        'any.required': 'Basic authentication needs a username.',
        'string.empty': 'Basic authentication needs a username.',
      }),
      password: Joi.string().required().messages({
        'any.required': 'Basic authentication needs a password.',
        'string.empty': 'Basic authentication needs a password.',
      }),
    })
      .unknown(false)
      .messages({ 'object.unknown': 'Basic authentication takes only a username and a password.' }),
  }),
  request: Joi.object({
    headers: Joi.array()
      .items(
        Joi.object({
          key: Joi.string().required().messages(keyMessages),
          alias: aliasSchema,
        }).unknown(false),
      )
      .messages({ 'array.base': 'Parsed items must be a list.' }),
    query: parsedItems,
    body: parsedItems,
    rawBody: Joi.boolean().messages({ 'boolean.base': 'Offering the raw body is on (true) or off (false).' }),
  })
    .unknown(false)
    .messages({ 'object.unknown': 'The request settings contain an unknown field.' }),
  signature: signatureSchema,
  dedupe: dedupeSchema,
  rateLimit: rateLimitSchema,
  conditions: conditionsSchema,
  allowedIps: allowedIpsSchema,
  response: Joi.object({
    statusCode: statusCodeSchema,
    headers: responseHeadersSchema,
    body: responseBodySchema,
  })
    .unknown(false)
    .messages({ 'object.unknown': 'The response settings contain an unknown field.' }),
})
  .unknown(false)
  .messages({ 'object.unknown': 'The webhook settings contain an unknown field.' });
