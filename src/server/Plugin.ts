import PluginWorkflowServer, { InstructionInterface, Trigger } from '@nocobase/plugin-workflow';
import { Plugin } from '@nocobase/server';
import { INSTRUCTION_TYPES, TRIGGER_TYPES } from '../common/constants';
import { ExecutionCounter } from './execution/ExecutionCounter';
import { ExecutionHistory } from './execution/ExecutionHistory';
import { InRequestRunner } from './execution/InRequestRunner';
import { translateValidationErrorsMiddleware } from './http/translateValidationErrors';
import { ResponseInstruction } from './instructions/ResponseInstruction';
import { ResponseMessageInstruction } from './instructions/ResponseMessageInstruction';
import { INTERCEPTION_MIDDLEWARE_POSITION, interceptionMiddleware } from './interception/interceptionMiddleware';
import { forceSynchronous, RequestInterceptionTrigger } from './interception/RequestInterceptionTrigger';
import { DeliveryLog } from './webhook/DeliveryLog';
import { webhookInboxActions } from './actions/webhookInboxActions';
import { InboxDispatcher } from './webhook/InboxDispatcher';
import { RateLimiter } from './webhook/RateLimiter';
import { keepWebhookSecretsOutOfLogsMiddleware } from './webhook/secretsOutOfLogs';
import { TestRequestListener } from './webhook/TestRequestListener';
import { WEBHOOK_ENDPOINT_POSITION, webhookEndpoint } from './webhook/webhookEndpoint';
import { INBOX_COLLECTION, WebhookInbox } from './webhook/WebhookInbox';
import { WebhookTrigger } from './webhook/WebhookTrigger';

/** The cache webhook request counts are kept in: NocoBase's default store (memory, or Redis in a cluster). */
const RATE_LIMIT_CACHE = 'hookflow-webhook-rate-limit';

/** The ACL snippet of NocoBase's workflow management (Settings → Workflow). */
const WORKFLOW_MANAGEMENT_SNIPPET = 'pm.workflow.workflows';

/** The resource NocoBase's commercial webhook plugin serves its URLs under. */
const WEBHOOK_RESOURCE = 'webhook';

export class PluginWorkflowHttpServer extends Plugin {
  override async load() {
    const workflowPlugin = this.app.pm.get(PluginWorkflowServer) as PluginWorkflowServer;

    this.app.resourceManager.use(translateValidationErrorsMiddleware, {
      tag: 'hookflow-translate-validation-errors',
      before: 'default',
    });
    this.app.resourceManager.use(keepWebhookSecretsOutOfLogsMiddleware, {
      tag: 'hookflow-secrets-out-of-logs',
      before: 'default',
    });

    const counter = new ExecutionCounter(this.db, this.log);
    this.app.on('beforeStop', () => counter.flush());
    const runner = new InRequestRunner(workflowPlugin, counter, new ExecutionHistory(this.db, this.log));

    this.loadRequestInterception(workflowPlugin, runner);
    await this.loadWebhook(workflowPlugin, runner, counter);

    this.registerInstruction(
      workflowPlugin,
      INSTRUCTION_TYPES.RESPONSE_MESSAGE,
      new ResponseMessageInstruction(workflowPlugin),
    );
    this.registerInstruction(workflowPlugin, INSTRUCTION_TYPES.RESPONSE, new ResponseInstruction(workflowPlugin));
  }

  private loadRequestInterception(workflowPlugin: PluginWorkflowServer, runner: InRequestRunner) {
    const trigger = new RequestInterceptionTrigger(workflowPlugin, runner);
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

  private async loadWebhook(workflowPlugin: PluginWorkflowServer, runner: InRequestRunner, counter: ExecutionCounter) {
    if (this.app.resourceManager.isDefined(WEBHOOK_RESOURCE)) {
      this.log.info(`[hookflow] resource "${WEBHOOK_RESOURCE}" is served by another plugin; leaving webhooks to it`);
      return;
    }
    const trigger = new WebhookTrigger(workflowPlugin);
    if (!this.registerTrigger(workflowPlugin, TRIGGER_TYPES.WEBHOOK, trigger)) {
      return;
    }
    const inbox = new WebhookInbox(this.db);
    const deliveries = new DeliveryLog(this.db);
    const dispatcher = new InboxDispatcher(inbox, deliveries, workflowPlugin, counter, this.log);
    const rateLimiter = new RateLimiter(
      await this.app.cacheManager.createCache({
        name: RATE_LIMIT_CACHE,
        prefix: RATE_LIMIT_CACHE,
        store: this.app.cacheManager.defaultStore,
      }),
    );
    const listener = new TestRequestListener();
    this.app.on('afterStart', () => dispatcher.start());
    this.app.on('beforeStop', () => {
      listener.close();
      return dispatcher.stop();
    });
    const actions = webhookInboxActions({ inbox, dispatcher, listener, trigger, workflowPlugin });
    this.app.resourceManager.registerActionHandlers({
      [`${INBOX_COLLECTION}:replay`]: actions.replay,
      [`${INBOX_COLLECTION}:listen`]: actions.listen,
    });
    // Roles that may manage workflows may read the request log, replay and listen.
    this.app.acl.registerSnippet({
      name: WORKFLOW_MANAGEMENT_SNIPPET,
      actions: [
        `${INBOX_COLLECTION}:list`,
        `${INBOX_COLLECTION}:get`,
        `${INBOX_COLLECTION}:replay`,
        `${INBOX_COLLECTION}:listen`,
      ],
    });
    this.app.use(
      webhookEndpoint({
        trigger,
        runner,
        inbox,
        dispatcher,
        deliveries,
        rateLimiter,
        listener,
        db: this.db,
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
