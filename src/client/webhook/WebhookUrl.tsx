import React from 'react';
import { useAPIClient } from '@nocobase/client';
import { useFlowContext } from '@nocobase/plugin-workflow/client';
import { CopyableValue } from '../components/CopyableValue';
import { webhookUrl } from './webhookAddress';

export function WebhookUrl() {
  const api = useAPIClient();
  const workflowKey = useFlowContext().workflow?.key ?? '';
  const url = webhookUrl(api.axios.defaults.baseURL ?? '/api/', window.location.href, workflowKey);
  return <CopyableValue className="hookflow-webhook-url" value={url} />;
}
