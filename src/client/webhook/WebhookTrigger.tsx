import { Trigger, type VariableOption } from '@nocobase/plugin-workflow/client';
import { FixedBodyEditor } from '../components/FixedBodyEditor';
import { ResponseHeadersEditor } from '../components/ResponseHeadersEditor';
import { responseFieldset } from '../components/responseFieldset';
import { Section } from '../components/Section';
import { tExpr, usePluginTranslation } from '../locale';
import { BasicAuthenticationField } from './BasicAuthenticationField';
import { ConditionsEditor } from './ConditionsEditor';
import { AllowedAddressesField, DedupeField, RateLimitField } from './DeliveryLimitsFields';
import { AsyncOnly, ExecutionModeNotice } from './ExecutionMode';
import { ParsedItemsEditor } from './ParsedItemsEditor';
import { RequestLog } from './RequestLog';
import { SignatureField } from './SignatureField';
import { TestRequestListener } from './TestRequestListener';
import type { ParsedItem, RequestPart } from './samplePaths';
import { WebhookUrl } from './WebhookUrl';

interface WebhookConfig {
  request?: Partial<Record<RequestPart, ParsedItem[]>> & { rawBody?: boolean };
}

function field(component: string, title: string, description?: string) {
  return { title, description, 'x-decorator': 'FormItem', 'x-component': component };
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
    { label: t('Signature verified'), value: 'verified' },
    ...(request.rawBody ? [{ label: t('Raw body'), value: 'rawBody' }] : []),
  ];
}

/** A URL that third parties post to; the config is the shape of NocoBase's own webhook trigger. */
export class WebhookTrigger extends Trigger {
  override title = tExpr('Webhook');
  override description = tExpr(
    'Runs when another system posts to the generated URL; the request’s headers, query and body (JSON, form or text) become variables.',
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
    security: {
      type: 'void',
      title: tExpr('Security'),
      'x-component': 'Section',
      properties: {
        signature: field(
          'SignatureField',
          tExpr('Signature'),
          tExpr('Checked on the body exactly as sent; a request that fails gets 401 and runs nothing.'),
        ),
        allowedIps: field('AllowedAddressesField', tExpr('Allowed addresses')),
        rateLimit: field('RateLimitField', tExpr('Rate limit')),
      },
    },
    deliveries: {
      type: 'void',
      title: tExpr('Deliveries'),
      'x-component': 'Section',
      properties: {
        dedupe: field(
          'DedupeField',
          tExpr('Deduplication'),
          tExpr('A retried delivery gets the first answer again and runs nothing.'),
        ),
        conditions: field(
          'ConditionsEditor',
          tExpr('Conditions'),
          tExpr('Requests that fail a condition are acknowledged and run nothing.'),
        ),
      },
    },
    listen: {
      type: 'void',
      title: tExpr('Test request'),
      'x-decorator': 'FormItem',
      'x-component': 'TestRequestListener',
    },
    request: {
      type: 'object',
      title: tExpr('Request parsing'),
      'x-component': 'Section',
      properties: {
        headers: parsedItemsField('headers', tExpr('Headers')),
        query: parsedItemsField('query', tExpr('Query parameters')),
        body: parsedItemsField('body', tExpr('Body')),
        rawBody: {
          type: 'boolean',
          'x-decorator': 'FormItem',
          'x-component': 'Checkbox',
          'x-content': tExpr('Also offer the body as received (Raw body)'),
        },
      },
    },
    asyncResponse: {
      type: 'void',
      'x-component': 'AsyncOnly',
      properties: {
        log: {
          type: 'void',
          title: tExpr('Stored requests'),
          'x-decorator': 'FormItem',
          'x-component': 'RequestLog',
        },
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
    SignatureField,
    AllowedAddressesField,
    RateLimitField,
    DedupeField,
    ConditionsEditor,
    ParsedItemsEditor,
    TestRequestListener,
    RequestLog,
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
