import Joi from 'joi';

/** A header value that cannot start a new header line. */
const HEADER_VALUE = /^[^\r\n]*$/;
/** An HTTP token (RFC 9110), the only characters a header name may use. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export const statusCodeSchema = Joi.number().integer().min(100).max(599).messages({
  'number.base': 'The status code must be a number from 100 to 599.',
  'number.integer': 'The status code must be a number from 100 to 599.',
  'number.min': 'The status code must be a number from 100 to 599.',
  'number.max': 'The status code must be a number from 100 to 599.',
});

export const responseHeadersSchema = Joi.array()
  .items(
    Joi.object({
      name: Joi.string().pattern(HEADER_NAME).required().messages({
        'any.required': 'Each response header needs a name.',
        'string.empty': 'Each response header needs a name.',
        'string.pattern.base': "A header name may use only letters, digits and !#$%&'*+-.^_`|~.",
      }),
      value: Joi.string().allow('').pattern(HEADER_VALUE).required().messages({
        'any.required': 'Each response header needs a value.',
        'string.base': 'A header value must be text.',
        'string.pattern.base': 'A header value cannot contain line breaks.',
      }),
    }).unknown(false),
  )
  .messages({ 'array.base': 'Response headers must be a list of names and values.' });

/** A response body: text, or any JSON value. */
export const responseBodySchema = Joi.alternatives().try(
  Joi.string().allow(''),
  Joi.object().unknown(true),
  Joi.array(),
  Joi.number(),
  Joi.boolean(),
  Joi.valid(null),
);

export function isSafeHeaderValue(value: string): boolean {
  return HEADER_VALUE.test(value);
}
