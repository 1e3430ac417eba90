import PluginWorkflowServer, { Trigger, WorkflowModel } from '@nocobase/plugin-workflow';
import { TRIGGER_TYPES } from '../../common/constants';
import { configErrors } from '../validation/configErrors';
import { AllowedAddresses } from './allowedAddresses';
import { WebhookConfig, webhookConfigSchema } from './config';
import { deliveryIdSource } from './deliveryId';

/** What a webhook request offers the workflow as `$context`. */
export interface WebhookEventContext {
  headers: Record<string, string>;
  query: unknown;
  body: unknown;
  /** True when the trigger checks a signature and it matched. */
  verified: boolean;
  /** The body as received, as text, when the trigger offers it. */
  rawBody?: string;
  /** The inbox row a replayed request was first stored as. */
  replayOf?: number;
}

/** An enabled webhook version with what its requests are checked against, built once when it is enabled. */
export interface EnabledWebhook {
  workflow: WorkflowModel;
  config: WebhookConfig;
  allowedAddresses: AllowedAddresses | null;
}

/**
 * Webhook workflows, reached at /api/webhook:trigger/<workflowKey>. The enabled versions are kept
 * by key through on()/off(), so a request finds its workflow without a database query.
 */
export class WebhookTrigger extends Trigger {
  static readonly TYPE = TRIGGER_TYPES.WEBHOOK;

  override configSchema = webhookConfigSchema;
  private readonly enabledByKey = new Map<string, EnabledWebhook>();

  constructor(workflowPlugin: PluginWorkflowServer) {
    super(workflowPlugin);
  }

  override on(workflow: WorkflowModel) {
    const config = WebhookTrigger.configOf(workflow);
    this.enabledByKey.set(workflow.key, {
      workflow,
      config,
      // An empty list, as the canvas saves a cleared field, restricts nothing.
      allowedAddresses: config.allowedIps?.length ? new AllowedAddresses(config.allowedIps) : null,
    });
  }

  override off(workflow: Pick<WorkflowModel, 'id' | 'key'>) {
    if (this.enabledByKey.get(workflow.key)?.workflow.id === workflow.id) {
      this.enabledByKey.delete(workflow.key);
    }
  }

  override validateConfig(config: Record<string, unknown>) {
    const errors = configErrors(this.configSchema, config);
    if (errors) {
      return errors;
    }
    const { dedupe, signature, conditions, request } = config as WebhookConfig;
    if (dedupe && !deliveryIdSource({ dedupe, signature })) {
      return { 'dedupe.header': 'Deduplication needs the header that carries the delivery id.' };
    }
    const declared = new Set((request?.headers ?? []).map(({ key }) => key.toLowerCase()));
    if (conditions?.some(({ source, key }) => source === 'headers' && !declared.has(key.toLowerCase()))) {
      return { conditions: 'A condition on a header needs that header in the list of request headers.' };
    }
    return null;
  }

  /** The enabled version of the webhook workflow with this key, if any. */
  enabled(key: string): EnabledWebhook | undefined {
    return this.enabledByKey.get(key);
  }

  static configOf(workflow: WorkflowModel): WebhookConfig {
    return (workflow.config ?? {}) as WebhookConfig;
  }
}
