import type Joi from 'joi';

/**
 * A config's problems, one message per field path, as NocoBase's triggers and nodes report them; null
 * when it is valid. NocoBase builds the same map on a plain object, where a field named `constructor`
 * finds the inherited property and its message is lost, leaving a 400 that says nothing.
 */
export function configErrors(schema: Joi.Schema | undefined, config: unknown): Record<string, string> | null {
  const error = schema?.validate(config, { abortEarly: false, allowUnknown: true }).error;
  if (!error) {
    return null;
  }
  const messages = new Map<string, string>();
  for (const detail of error.details) {
    const path = detail.path.join('.');
    if (!messages.has(path)) {
      messages.set(path, detail.message);
    }
  }
  return Object.fromEntries(messages);
}
