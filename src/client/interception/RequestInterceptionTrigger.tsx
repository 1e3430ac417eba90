import {
  CheckboxGroupWithTooltip,
  getCollectionFieldOptions,
  RadioWithTooltip,
  Trigger,
  useGetDataSourceCollectionManager,
  type UseVariableOptions,
  type VariableOption,
} from '@nocobase/plugin-workflow/client';
import { INTERCEPTABLE_ACTIONS } from '../../common/constants';
import { tExpr, usePluginTranslation } from '../locale';
import { LocalCallHint, splitCollection } from './LocalCallHint';

interface RequestInterceptionConfig {
  collection?: string;
  global?: boolean;
  actions?: string[];
}

const ACTION_LABELS = {
  create: tExpr('Create record'),
  update: tExpr('Update record'),
  updateOrCreate: tExpr('Update or create record'),
  destroy: tExpr('Delete record'),
} as const;

/** The form and record buttons whose "Bind workflows" setting sends `triggerWorkflows` with the request. */
const BINDABLE_BUTTON_ACTIONS = ['submit', 'customize:save', 'customize:update', 'destroy'];

function useVariables(config: RequestInterceptionConfig, options?: UseVariableOptions): VariableOption[] {
  const t = usePluginTranslation();
  const { dataSource, name } = splitCollection(config.collection ?? '');
  const collectionManager = useGetDataSourceCollectionManager(dataSource);
  const usersManager = useGetDataSourceCollectionManager('main');
  const submittedFields = name
    ? getCollectionFieldOptions({
        ...options,
        appends: null,
        depth: 3,
        collection: name,
        compile: t,
        collectionManager,
      })
    : [];
  const user = getCollectionFieldOptions({
    appends: ['user'],
    ...options,
    fields: [
      { collectionName: 'users', name: 'user', type: 'hasOne', target: 'users', uiSchema: { title: t('User acted') } },
    ],
    compile: t,
    collectionManager: usersManager,
  });
  return [
    {
      label: t('Request parameters'),
      value: 'params',
      children: [
        { label: t('Values submitted'), value: 'values', children: submittedFields },
        { label: t('Record ID (filterByTk)'), value: 'filterByTk' },
        { label: t('Filter'), value: 'filter' },
      ],
    },
    ...user,
    { label: t('Role of user acted'), value: 'roleName' },
  ];
}

/** The pre-action event: a synchronous workflow that checks create / update / destroy requests before they run. */
export class RequestInterceptionTrigger extends Trigger {
  override sync = true;
  override title = tExpr('Request interception');
  override description = tExpr(
    'Runs before a create, update or delete request on a collection and can reject it (End node, failed) or add messages to its answer.',
  );
  override fieldset = {
    collection: {
      type: 'string',
      title: tExpr('Collection'),
      required: true,
      'x-decorator': 'FormItem',
      'x-component': 'DataSourceCollectionCascader',
    },
    global: {
      type: 'boolean',
      title: tExpr('Trigger mode'),
      'x-decorator': 'FormItem',
      'x-component': 'RadioWithTooltip',
      'x-component-props': {
        direction: 'vertical',
        options: [
          {
            label: tExpr('Local: only requests that name this workflow in triggerWorkflows'),
            value: false,
            tooltip: tExpr(
              'Used by buttons and API calls that list workflow keys in the triggerWorkflows URL parameter.',
            ),
          },
          {
            label: tExpr('Global: every request with the actions below'),
            value: true,
            tooltip: tExpr('Runs for every client, whatever the request names.'),
          },
        ],
      },
      default: false,
    },
    actions: {
      type: 'array',
      title: tExpr('Actions'),
      description: tExpr('Required in global mode; in local mode, leave empty to run before any of them.'),
      'x-decorator': 'FormItem',
      'x-component': 'CheckboxGroupWithTooltip',
      'x-component-props': {
        direction: 'vertical',
        options: INTERCEPTABLE_ACTIONS.map((action) => ({ label: ACTION_LABELS[action], value: action })),
      },
      'x-reactions': [{ dependencies: ['global'], fulfill: { state: { required: '{{!!$deps[0]}}' } } }],
    },
    localCallHint: {
      type: 'void',
      title: tExpr('How to call it'),
      'x-decorator': 'FormItem',
      'x-component': 'LocalCallHint',
      'x-reactions': [{ dependencies: ['global'], fulfill: { state: { visible: '{{!$deps[0]}}' } } }],
    },
  };
  override components = { RadioWithTooltip, CheckboxGroupWithTooltip, LocalCallHint };
  override useVariables = useVariables;
  override isActionTriggerable_deprecated = (config: object, context?: object) =>
    !(config as RequestInterceptionConfig).global &&
    BINDABLE_BUTTON_ACTIONS.includes((context as { buttonAction?: string } | undefined)?.buttonAction ?? '');
  /** The same for forms on pages built with the flow engine, which ask by scope. */
  actionTriggerableScope = (config: object, scope: string) =>
    !(config as RequestInterceptionConfig).global && scope === 'form';

  validate(config: Record<string, unknown>): boolean {
    const { collection, global, actions } = config as RequestInterceptionConfig;
    return Boolean(collection) && (!global || Boolean(actions?.length));
  }
}
