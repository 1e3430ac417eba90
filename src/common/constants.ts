export const TRIGGER_TYPES = {
  REQUEST_INTERCEPTION: 'request-interception',
  WEBHOOK: 'webhook',
} as const;

export const INSTRUCTION_TYPES = {
  RESPONSE_MESSAGE: 'response-message',
  RESPONSE: 'response',
} as const;

/** The actions a request-interception workflow can run before; the canvas offers exactly these. */
export const INTERCEPTABLE_ACTIONS = ['create', 'update', 'updateOrCreate', 'destroy'] as const;

export type InterceptableAction = (typeof INTERCEPTABLE_ACTIONS)[number];

export function isInterceptableAction(action: unknown): action is InterceptableAction {
  return typeof action === 'string' && (INTERCEPTABLE_ACTIONS as readonly string[]).includes(action);
}

/** The i18n namespace of this plugin: NocoBase serves each plugin's locale under its package name. */
export const NAMESPACE = '@hookflow/plugin-workflow-http';
