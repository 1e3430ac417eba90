import { Trigger, type VariableOption } from '@nocobase/plugin-workflow/client';
import { FixedBodyEditor } from '../components/FixedBodyEditor';
import { ResponseHeadersEditor } from '../components/ResponseHeadersEditor';
import { responseFieldset } from '../components/responseFieldset';
import { Section } from '../components/Section';
import { tExpr, usePluginTranslation } from '../locale';
import { BasicAuthenticationField } from './BasicAuthenticationField';
import { AsyncOnly, ExecutionModeNotice } from './ExecutionMode';
import { ParsedItemsEditor } from './ParsedItemsEditor';
import type { ParsedItem, RequestPart } from './samplePaths';
import { WebhookUrl } from './WebhookUrl';

interface WebhookConfig {
  request?: Partial<Record<RequestPart, ParsedItem[]>>;
}

function parsedItemsField(part: RequestPart, title: string) {
  return {
    type: 'array',
    title,
    'x-decorator': 'FormItem',
    'x-component': 'ParsedItemsEditor',
    'x-component-props': { part },
  };
}

function useVariables(config: WebhookConfig): VariableOption[] {
  const t = usePluginTranslation();
  const request = config.request ?? {};
  const options = (part: RequestPart): VariableOption[] =>
    (request[part] ?? [])
      .filter((item) => item.key)
      .map((item) => ({
        label: item.alias || item.key,
        value: part === 'headers' ? item.key.toLowerCase() : (item._var ?? item.key),
      }));
  return [
    { label: t('Headers'), value: 'headers', children: options('headers') },
    { label: t('Query parameters'), value: 'query', children: options('query') },
    { label: t('Body'), value: 'body', children: options('body') },
  ];
}

/** A URL that third parties post to; the config is the shape of NocoBase's own webhook trigger. */
export class WebhookTrigger extends Trigger {
  override title = tExpr('Webhook');
  override description = tExpr(
    'Runs when another system posts to the generated URL; the request’s headers, query and JSON body become variables.',
  );
  override fieldset = {
    url: {
      type: 'void',
      title: tExpr('Webhook URL'),
      'x-decorator': 'FormItem',
      'x-component': 'WebhookUrl',
    },
    mode: {
      type: 'void',
      title: tExpr('Execution mode'),
      'x-decorator': 'FormItem',
      'x-component': 'ExecutionModeNotice',
    },
    basicAuthentication: {
      title: tExpr('Basic authentication'),
      'x-decorator': 'FormItem',
      'x-component': 'BasicAuthenticationField',
      default: false,
    },
    request: {
      type: 'object',
      title: tExpr('Request parsing'),
      'x-component': 'Section',
      properties: {
        headers: parsedItemsField('headers', tExpr('Headers')),
        query: parsedItemsField('query', tExpr('Query parameters')),
        body: parsedItemsField('body', tExpr('Body')),
      },
    },
    asyncResponse: {
      type: 'void',
      'x-component': 'AsyncOnly',
      properties: {
        response: {
          type: 'object',
          title: tExpr('Response'),
          'x-component': 'Section',
          properties: responseFieldset('fixed'),
        },
      },
    },
  };
  override components = {
    WebhookUrl,
    ExecutionModeNotice,
    BasicAuthenticationField,
    ParsedItemsEditor,
    AsyncOnly,
    ResponseHeadersEditor,
    FixedBodyEditor,
    Section,
  };
  override useVariables = useVariables;

  validate(): boolean {
    return true;
  }
}
