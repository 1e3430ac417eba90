import React from 'react';
import { useAPIClient } from '@nocobase/client';
import { useFlowContext } from '@nocobase/plugin-workflow/client';
import { CopyableValue } from '../components/CopyableValue';
import { webhookUrl } from './webhookAddress';

/** The absolute address of the webhook of the workflow being edited. */
export function useWebhookUrl(): string {
  const api = useAPIClient();
  const workflowKey = useFlowContext().workflow?.key ?? '';
  return webhookUrl(api.axios.defaults.baseURL ?? '/api/', window.location.href, workflowKey);
}

export function WebhookUrl() {
  return <CopyableValue className="hookflow-webhook-url" value={useWebhookUrl()} />;
}
