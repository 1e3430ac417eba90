import Joi from 'joi';
import { responseBodySchema, responseHeadersSchema, statusCodeSchema } from '../validation/httpSchemas';

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
  request?: {
    /** A header is read by its name; the alias only titles it in the canvas. */
    headers?: { key: string; alias?: string }[];
    query?: ParsedItem[];
    body?: ParsedItem[];
  };
  /** The answer of an asynchronous webhook; a synchronous one answers through its Response node. */
  response?: WebhookResponseConfig;
}

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
  })
    .unknown(false)
    .messages({ 'object.unknown': 'The request settings contain an unknown field.' }),
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
