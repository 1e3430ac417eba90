import Joi from 'joi';
import { configErrors } from '../validation/configErrors';
import { FlowNodeModel, Instruction, JOB_STATUS, Processor } from '@nocobase/plugin-workflow';
import { RequestContext } from '../http/RequestContext';

export interface ResponseMessageConfig {
  /** A template: `{{$context.params.values.title}}` and node results are filled in. */
  message?: string;
}

/**
 * Adds one message to the answer of the request the workflow runs for; a message that renders empty
 * adds nothing. Outside a request (a manual run, an asynchronous workflow) it only renders the message.
 */
export class ResponseMessageInstruction extends Instruction {
  override configSchema = Joi.object<ResponseMessageConfig>({
    message: Joi.string().allow('').messages({ 'string.base': 'The message must be text.' }),
  }).unknown(true);

  override validateConfig(config: Record<string, unknown>) {
    return configErrors(this.configSchema, config);
  }

  async run(node: FlowNodeModel, _input: unknown, processor: Processor) {
    const config = node.config as ResponseMessageConfig;
    const rendered = processor.getParsedValue(config.message ?? '', node.id);
    const message = rendered == null ? '' : String(rendered);
    if (message) {
      RequestContext.find(processor.options.httpContext)?.addMessage(message);
    }
    return { status: JOB_STATUS.RESOLVED, result: message };
  }
}
