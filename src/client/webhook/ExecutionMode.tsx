import React, { type ReactNode } from 'react';
import { Typography } from 'antd';
import { useFlowContext } from '@nocobase/plugin-workflow/client';
import { usePluginTranslation } from '../locale';

function useIsSynchronous(): boolean {
  return Boolean(useFlowContext().workflow?.sync);
}

/** The mode is chosen when the workflow is created and cannot change; this says what it means. */
export function ExecutionModeNotice() {
  const t = usePluginTranslation();
  return useIsSynchronous() ? (
    <Typography.Text className="hookflow-execution-mode">
      {t('Synchronous: the caller waits; a Response node (or the end of the workflow) sets the answer.')}
    </Typography.Text>
  ) : (
    <Typography.Text className="hookflow-execution-mode">
      {t('Asynchronous: the request is stored and answered at once with the response below; the workflow runs after.')}
    </Typography.Text>
  );
}

/** Settings that only an asynchronous webhook uses. */
export function AsyncOnly({ children }: { children?: ReactNode }) {
  return useIsSynchronous() ? null : <>{children}</>;
}
