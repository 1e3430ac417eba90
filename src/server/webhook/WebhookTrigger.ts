import PluginWorkflowServer, { Trigger, WorkflowModel } from '@nocobase/plugin-workflow';
import { TRIGGER_TYPES } from '../../common/constants';
import { WebhookConfig, webhookConfigSchema } from './config';

/** What a webhook request offers the workflow as `$context`. */
export interface WebhookEventContext {
  headers: Record<string, string>;
  query: unknown;
  body: unknown;
}

/**
 * Webhook workflows, reached at /api/webhook:trigger/<workflowKey>. The enabled versions are kept
 * by key through on()/off(), so a request finds its workflow without a database query.
 */
export class WebhookTrigger extends Trigger {
  static readonly TYPE = TRIGGER_TYPES.WEBHOOK;

  override configSchema = webhookConfigSchema;
  private readonly enabledByKey = new Map<string, WorkflowModel>();

  constructor(workflowPlugin: PluginWorkflowServer) {
    super(workflowPlugin);
  }

  override on(workflow: WorkflowModel) {
    this.enabledByKey.set(workflow.key, workflow);
  }

  override off(workflow: Pick<WorkflowModel, 'id' | 'key'>) {
    if (this.enabledByKey.get(workflow.key)?.id === workflow.id) {
      this.enabledByKey.delete(workflow.key);
    }
  }

  /** The enabled version of the webhook workflow with this key, if any. */
  enabledWorkflow(key: string): WorkflowModel | undefined {
    return this.enabledByKey.get(key);
  }

  static configOf(workflow: WorkflowModel): WebhookConfig {
    return (workflow.config ?? {}) as WebhookConfig;
  }
}
