import Joi from 'joi';

/** What Node accepts in a header value (tab, printable ASCII, Latin-1): no line breaks, no control characters. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** An HTTP token (RFC 9110), the only characters a header name may use. */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A final answer's status: 1xx codes are interim in HTTP, and a client sent one alone would wait forever. */
export const statusCodeSchema = Joi.number().integer().min(200).max(599).messages({
  'number.base': 'The status code must be a number from 200 to 599.',
  'number.integer': 'The status code must be a number from 200 to 599.',
  'number.min': 'The status code must be a number from 200 to 599.',
  'number.max': 'The status code must be a number from 200 to 599.',
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
        'string.pattern.base':
          'A header value cannot contain line breaks, control characters or characters beyond Latin-1.',
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

export function isSafeHeader(name: string, value: string): boolean {
  return HEADER_NAME.test(name) && HEADER_VALUE.test(value);
}
