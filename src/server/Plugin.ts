import PluginWorkflowServer, { InstructionInterface, Trigger } from '@nocobase/plugin-workflow';
import { Plugin } from '@nocobase/server';
import { INSTRUCTION_TYPES, TRIGGER_TYPES } from '../common/constants';
import { translateValidationErrorsMiddleware } from './http/translateValidationErrors';
import { ResponseInstruction } from './instructions/ResponseInstruction';
import { ResponseMessageInstruction } from './instructions/ResponseMessageInstruction';
import { INTERCEPTION_MIDDLEWARE_POSITION, interceptionMiddleware } from './interception/interceptionMiddleware';
import { forceSynchronous, RequestInterceptionTrigger } from './interception/RequestInterceptionTrigger';
import { InboxDispatcher } from './webhook/InboxDispatcher';
import { WEBHOOK_ENDPOINT_POSITION, webhookEndpoint } from './webhook/webhookEndpoint';
import { WebhookInbox } from './webhook/WebhookInbox';
import { WebhookTrigger } from './webhook/WebhookTrigger';

/** The resource NocoBase's commercial webhook plugin serves its URLs under. */
const WEBHOOK_RESOURCE = 'webhook';

export class PluginWorkflowHttpServer extends Plugin {
  override async load() {
    const workflowPlugin = this.app.pm.get(PluginWorkflowServer) as PluginWorkflowServer;

    this.app.resourceManager.use(translateValidationErrorsMiddleware, {
      tag: 'hookflow-translate-validation-errors',
      before: 'default',
    });

    this.loadRequestInterception(workflowPlugin);
    this.loadWebhook(workflowPlugin);

    this.registerInstruction(
      workflowPlugin,
      INSTRUCTION_TYPES.RESPONSE_MESSAGE,
      new ResponseMessageInstruction(workflowPlugin),
    );
    this.registerInstruction(workflowPlugin, INSTRUCTION_TYPES.RESPONSE, new ResponseInstruction(workflowPlugin));
  }

  private loadRequestInterception(workflowPlugin: PluginWorkflowServer) {
    const trigger = new RequestInterceptionTrigger(workflowPlugin);
    if (!this.registerTrigger(workflowPlugin, TRIGGER_TYPES.REQUEST_INTERCEPTION, trigger)) {
      return;
    }
    this.db.on('workflows.beforeSave', forceSynchronous);
    const middleware = interceptionMiddleware(trigger);
    // Every data source, including those added later, gets the middleware in its own chain.
    this.app.dataSourceManager.beforeAddDataSource((dataSource) => {
      dataSource.resourceManager.use(middleware, INTERCEPTION_MIDDLEWARE_POSITION);
    });
  }

  private loadWebhook(workflowPlugin: PluginWorkflowServer) {
    if (this.app.resourceManager.isDefined(WEBHOOK_RESOURCE)) {
      this.log.info(`[hookflow] resource "${WEBHOOK_RESOURCE}" is served by another plugin; leaving webhooks to it`);
      return;
    }
    const trigger = new WebhookTrigger(workflowPlugin);
    if (!this.registerTrigger(workflowPlugin, TRIGGER_TYPES.WEBHOOK, trigger)) {
      return;
    }
    const inbox = new WebhookInbox(this.db);
    const dispatcher = new InboxDispatcher(inbox, workflowPlugin, this.log);
    this.db.on('executions.afterCreate', dispatcher.onExecutionCreated);
    this.app.on('afterStart', () => dispatcher.start());
    this.app.on('beforeStop', () => dispatcher.stop());
    this.app.use(
      webhookEndpoint({
        trigger,
        workflowPlugin,
        inbox,
        dispatcher,
        apiPrefix: this.app.resourceManager.options.prefix ?? '/api',
      }),
      WEBHOOK_ENDPOINT_POSITION,
    );
  }

  /** Registers a trigger type unless another plugin (NocoBase's built-in of the same name) already has. */
  private registerTrigger(workflowPlugin: PluginWorkflowServer, type: string, trigger: Trigger): boolean {
    if (workflowPlugin.triggers.get(type)) {
      this.log.info(`[hookflow] trigger type "${type}" is registered by another plugin; leaving it to that plugin`);
      return false;
    }
    workflowPlugin.registerTrigger(type, trigger);
    return true;
  }

  private registerInstruction(workflowPlugin: PluginWorkflowServer, type: string, instruction: InstructionInterface) {
    if (workflowPlugin.instructions.get(type)) {
      this.log.info(`[hookflow] node type "${type}" is registered by another plugin; leaving it to that plugin`);
      return;
    }
    workflowPlugin.registerInstruction(type, instruction);
  }
}

export default PluginWorkflowHttpServer;
