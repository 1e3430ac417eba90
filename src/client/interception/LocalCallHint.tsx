import React from 'react';
import { observer, useForm } from '@formily/react';
import { Typography } from 'antd';
import { useFlowContext } from '@nocobase/plugin-workflow/client';
import { CopyableValue } from '../components/CopyableValue';
import { usePluginTranslation } from '../locale';

/** `posts` is in the main data source; `crm:contacts` names another one. */
export function splitCollection(collection: string): { dataSource: string; name: string } {
  const separator = collection.indexOf(':');
  return separator < 0
    ? { dataSource: 'main', name: collection }
    : { dataSource: collection.slice(0, separator), name: collection.slice(separator + 1) };
}

/** How a client names this workflow on a request, shown in local mode with a copy button. */
export const LocalCallHint = observer(function LocalCallHint() {
  const t = usePluginTranslation();
  const form = useForm();
  const workflowKey = useFlowContext().workflow?.key ?? '<key>';
  const collection = typeof form.values.collection === 'string' ? form.values.collection : '';
  const { dataSource, name } = splitCollection(collection || '<collection>');
  const call = `POST /api/${name}:create?triggerWorkflows=${workflowKey}`;
  return (
    <div className="hookflow-local-call-hint">
      <Typography.Text type="secondary">{t('Call it by naming this workflow on the request:')}</Typography.Text>
      <CopyableValue className="hookflow-local-call" value={call} />
      {dataSource !== 'main' && (
        <Typography.Text type="secondary">
          {t('Send the header X-Data-Source: {{dataSource}} as well.', { dataSource })}
        </Typography.Text>
      )}
    </div>
  );
});
