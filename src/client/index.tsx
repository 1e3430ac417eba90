import { Plugin } from '@nocobase/client';
import type PluginWorkflowClient from '@nocobase/plugin-workflow/client';
import { INSTRUCTION_TYPES, TRIGGER_TYPES } from '../common/constants';
import { ResponseInstruction } from './instructions/ResponseInstruction';
import { ResponseMessageInstruction } from './instructions/ResponseMessageInstruction';
import { RequestInterceptionTrigger } from './interception/RequestInterceptionTrigger';
import { WebhookTrigger } from './webhook/WebhookTrigger';

export class PluginWorkflowHttpClient extends Plugin {
  override async load() {
    const workflow = this.app.pm.get('workflow') as PluginWorkflowClient;
    workflow.registerTrigger(TRIGGER_TYPES.REQUEST_INTERCEPTION, RequestInterceptionTrigger);
    workflow.registerTrigger(TRIGGER_TYPES.WEBHOOK, WebhookTrigger);
    workflow.registerInstruction(INSTRUCTION_TYPES.RESPONSE_MESSAGE, ResponseMessageInstruction);
    workflow.registerInstruction(INSTRUCTION_TYPES.RESPONSE, ResponseInstruction);
  }
}

export default PluginWorkflowHttpClient;
