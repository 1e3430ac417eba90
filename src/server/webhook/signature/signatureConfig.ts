import Joi from 'joi';
import { HEADER_NAME } from '../../validation/httpSchemas';
import { HMAC_ALGORITHMS, HMAC_ENCODINGS, MAX_TOLERANCE_SECONDS, SIGNATURE_TYPES } from '../../../common/webhookConfig';
import type { HmacScheme } from './hmacSignature';
import { isStandardWebhooksSecret } from './standardWebhooks';

interface SignatureBase {
  /** One secret, or several while one is rotated out: any of them verifies. */
  secret: string | string[];
  toleranceSeconds?: number;
}

export type SignatureConfig =
  | (SignatureBase & { type: 'standard-webhooks' | 'github' | 'stripe' })
  | (SignatureBase & { type: 'hmac' } & HmacScheme);

export function secretsOf(config: SignatureConfig): string[] {
  return Array.isArray(config.secret) ? config.secret : [config.secret];
}

const secretMessages = {
  'any.required': 'A signature needs a secret, or a list of secrets.',
  'string.base': 'A signature needs a secret, or a list of secrets.',
  'string.empty': 'A signature needs a secret, or a list of secrets.',
  'array.base': 'A signature needs a secret, or a list of secrets.',
  'array.min': 'A signature needs a secret, or a list of secrets.',
  'alternatives.types': 'A signature needs a secret, or a list of secrets.',
};

function secretSchema(secret: Joi.StringSchema) {
  return Joi.alternatives().try(secret, Joi.array().items(secret).min(1).max(10)).required().messages(secretMessages);
}

const anySecret = Joi.string().min(1).messages(secretMessages);

const standardWebhooksSecret = anySecret
  .custom((value: string, helpers) => (isStandardWebhooksSecret(value) ? value : helpers.error('any.invalid')))
  .messages({
    'any.invalid': 'A Standard Webhooks secret is whsec_ (or whpk_ for a public key) followed by base64.',
  });

const headerName = (required: string) =>
  Joi.string().pattern(HEADER_NAME).messages({
    'any.required': required,
    'string.empty': required,
    'string.base': required,
    'string.pattern.base': "A header name may use only letters, digits and !#$%&'*+-.^_`|~.",
  });

const toleranceSchema = Joi.number().integer().min(1).max(MAX_TOLERANCE_SECONDS).messages({
  'number.base': 'The tolerance must be a whole number of seconds from 1 to 86400.',
  'number.integer': 'The tolerance must be a whole number of seconds from 1 to 86400.',
  'number.min': 'The tolerance must be a whole number of seconds from 1 to 86400.',
  'number.max': 'The tolerance must be a whole number of seconds from 1 to 86400.',
});

const unknownField = { 'object.unknown': 'The signature settings contain an unknown field.' };

/** The `signature` field of a webhook trigger: a provider's scheme, or a custom HMAC one. */
export const signatureSchema = Joi.object({
  type: Joi.string()
    .valid(...SIGNATURE_TYPES)
    .required()
    .messages({
      'any.required': 'Choose a signature scheme: standard-webhooks, github, stripe or hmac.',
      'any.only': 'Choose a signature scheme: standard-webhooks, github, stripe or hmac.',
      'string.base': 'Choose a signature scheme: standard-webhooks, github, stripe or hmac.',
    }),
  secret: Joi.when('type', {
    is: 'standard-webhooks',
    then: secretSchema(standardWebhooksSecret),
    otherwise: secretSchema(anySecret),
  }),
  toleranceSeconds: toleranceSchema,
  header: Joi.when('type', {
    is: 'hmac',
    then: headerName('An HMAC signature needs the header that carries it.').required(),
    otherwise: Joi.forbidden(),
  }),
  algorithm: Joi.when('type', {
    is: 'hmac',
    then: Joi.string()
      .valid(...HMAC_ALGORITHMS)
      .required(),
    otherwise: Joi.forbidden(),
  }).messages({
    'any.required': 'The HMAC algorithm must be sha1, sha256 or sha512.',
    'any.only': 'The HMAC algorithm must be sha1, sha256 or sha512.',
  }),
  encoding: Joi.when('type', {
    is: 'hmac',
    then: Joi.string()
      .valid(...HMAC_ENCODINGS)
      .required(),
    otherwise: Joi.forbidden(),
  }).messages({
    'any.required': 'The HMAC encoding must be hex or base64.',
    'any.only': 'The HMAC encoding must be hex or base64.',
  }),
  prefix: Joi.when('type', { is: 'hmac', then: Joi.string().allow(''), otherwise: Joi.forbidden() }),
  timestampHeader: Joi.when('type', {
    is: 'hmac',
    then: headerName('An HMAC signature needs the header that carries it.'),
    otherwise: Joi.forbidden(),
  }),
  signedContent: Joi.when('type', {
    is: 'hmac',
    then: Joi.string().pattern(/\{body\}/),
    otherwise: Joi.forbidden(),
  }).messages({
    'string.pattern.base': 'The signed content must include the request body.',
    'string.base': 'The signed content must include the request body.',
    'string.empty': 'The signed content must include the request body.',
  }),
})
  .unknown(false)
  .messages({ ...unknownField, 'any.unknown': 'The signature settings contain an unknown field.' });
