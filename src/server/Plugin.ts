import PluginWorkflowServer, { InstructionInterface, Trigger } from '@nocobase/plugin-workflow';
import { Plugin } from '@nocobase/server';
import { INSTRUCTION_TYPES, TRIGGER_TYPES } from '../common/constants';
import { translateValidationErrorsMiddleware } from './http/translateValidationErrors';
import { ResponseMessageInstruction } from './instructions/ResponseMessageInstruction';
import { INTERCEPTION_MIDDLEWARE_POSITION, interceptionMiddleware } from './interception/interceptionMiddleware';
import { forceSynchronous, RequestInterceptionTrigger } from './interception/RequestInterceptionTrigger';

export class PluginWorkflowHttpServer extends Plugin {
  override async load() {
    const workflowPlugin = this.app.pm.get(PluginWorkflowServer) as PluginWorkflowServer;

    this.app.resourceManager.use(translateValidationErrorsMiddleware, {
      tag: 'hookflow-translate-validation-errors',
      before: 'default',
    });

    const interception = new RequestInterceptionTrigger(workflowPlugin);
    if (this.registerTrigger(workflowPlugin, TRIGGER_TYPES.REQUEST_INTERCEPTION, interception)) {
      this.db.on('workflows.beforeSave', forceSynchronous);
      const middleware = interceptionMiddleware(interception);
      // Every data source, including those added later, gets the middleware in its own chain.
      this.app.dataSourceManager.beforeAddDataSource((dataSource) => {
        dataSource.resourceManager.use(middleware, INTERCEPTION_MIDDLEWARE_POSITION);
      });
    }

    this.registerInstruction(
      workflowPlugin,
      INSTRUCTION_TYPES.RESPONSE_MESSAGE,
      new ResponseMessageInstruction(workflowPlugin),
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
