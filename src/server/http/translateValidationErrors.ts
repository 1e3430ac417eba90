import type { Context, Next } from '@nocobase/actions';
import type { HandlerType } from '@nocobase/resourcer';
import { NAMESPACE } from '../../locale';

/** The errors plugin-workflow throws when a trigger or node config fails its `validateConfig`. */
const CONFIG_VALIDATION_ERRORS = new Set(['WorkflowValidationError', 'NodeValidationError']);

interface ConfigValidationError {
  name: string;
  errors: Record<string, string>;
}

function isConfigValidationError(error: unknown): error is ConfigValidationError {
  const candidate = error as Partial<ConfigValidationError> | null;
  return !!candidate && CONFIG_VALIDATION_ERRORS.has(candidate.name ?? '') && typeof candidate.errors === 'object';
}

/**
 * Trigger and node configs are validated without a request at hand, so their messages are locale keys;
 * this translates them into the request's language on their way out. Unknown messages pass unchanged.
 */
async function translateValidationErrors(ctx: Context, next: Next) {
  try {
    await next();
  } catch (error) {
    if (isConfigValidationError(error)) {
      for (const [field, message] of Object.entries(error.errors)) {
        error.errors[field] = ctx.t(message, { ns: NAMESPACE });
      }
    }
    throw error;
  }
}

export const translateValidationErrorsMiddleware = translateValidationErrors as unknown as HandlerType;
