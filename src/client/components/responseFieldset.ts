import { tExpr } from '../locale';

/**
 * The answer's status, headers and body, shared by the Response node (values may hold variables) and an
 * asynchronous webhook's fixed answer (sent before the workflow runs, so no variables exist yet).
 */
export function responseFieldset(values: 'templated' | 'fixed') {
  const templated = values === 'templated';
  return {
    statusCode: {
      type: 'number',
      title: tExpr('Status code'),
      'x-decorator': 'FormItem',
      'x-component': 'InputNumber',
      'x-component-props': { min: 200, max: 599, precision: 0 },
      default: 200,
    },
    headers: {
      type: 'array',
      title: tExpr('Response headers'),
      'x-decorator': 'FormItem',
      'x-component': 'ResponseHeadersEditor',
      'x-component-props': { variables: templated },
    },
    body: {
      title: tExpr('Response body'),
      description: templated
        ? tExpr('JSON, or a JSON string for a text answer; strings may hold variables.')
        : tExpr('A JSON object or array is sent as JSON, anything else as text.'),
      'x-decorator': 'FormItem',
      'x-component': templated ? 'WorkflowVariableJSON' : 'FixedBodyEditor',
      'x-component-props': templated ? { variableOptions: {}, changeOnSelect: true, autoSize: { minRows: 6 } } : {},
    },
  };
}
