import Joi from 'joi';
import { configErrors } from '../validation/configErrors';
import { FlowNodeModel, Instruction, JOB_STATUS, Processor } from '@nocobase/plugin-workflow';
import { HttpResponse, RequestContext } from '../http/RequestContext';
import { isSafeHeader, responseBodySchema, responseHeadersSchema, statusCodeSchema } from '../validation/httpSchemas';

export interface ResponseConfig {
  statusCode?: number;
  headers?: { name: string; value: string }[];
  /** Text or JSON; strings anywhere in it are templates (`{{$context.body.order.id}}`). */
  body?: unknown;
}

const DEFAULT_STATUS = 200;

function renderHeaders(processor: Processor, node: FlowNodeModel, headers: ResponseConfig['headers']) {
  return (headers ?? []).map(({ name, value }) => ({
    name,
    value: String(processor.getParsedValue(value, node.id) ?? ''),
  }));
}

/**
 * Sets the HTTP answer of a synchronous webhook and ends the workflow as resolved: later nodes do not
 * run. Outside a webhook request it only renders the response as its result.
 */
export class ResponseInstruction extends Instruction {
  override configSchema = Joi.object<ResponseConfig>({
    statusCode: statusCodeSchema,
    headers: responseHeadersSchema,
    body: responseBodySchema,
  })
    .unknown(false)
    .messages({ 'object.unknown': 'The response settings contain an unknown field.' });

  override validateConfig(config: Record<string, unknown>) {
    return configErrors(this.configSchema, config);
  }

  async run(node: FlowNodeModel, prevJob: { id?: number } | null, processor: Processor) {
    const config = node.config as ResponseConfig;
    const response: HttpResponse = {
      statusCode: config.statusCode ?? DEFAULT_STATUS,
      headers: renderHeaders(processor, node, config.headers),
      body: config.body === undefined ? undefined : processor.getParsedValue(config.body, node.id),
    };
    if (response.headers.some(({ name, value }) => !isSafeHeader(name, value))) {
      // A variable put a line break or a character Node refuses into a header: fail rather than send it.
      return { status: JOB_STATUS.FAILED, result: { error: 'A header value has a character HTTP does not allow.' } };
    }
    const context = RequestContext.find(processor.options.httpContext);
    if (context?.source !== 'webhook') {
      return { status: JOB_STATUS.RESOLVED, result: response };
    }
    context.respond(response);
    processor.saveJob({
      status: JOB_STATUS.RESOLVED,
      result: response,
      nodeId: node.id,
      nodeKey: node.key,
      upstreamId: prevJob?.id ?? null,
    });
    return processor.exit(JOB_STATUS.RESOLVED);
  }
}
