import React, { useCallback, useEffect, useState } from 'react';
import { useAPIClient } from '@nocobase/client';
import { useFlowContext } from '@nocobase/plugin-workflow/client';
import { App, Button, ConfigProvider, Drawer, Select, Space, Table, Tag, Typography } from 'antd';
import { usePluginTranslation } from '../locale';
import { curlCommand, type StoredRequest } from './curlCommand';
import { useWebhookUrl } from './WebhookUrl';

interface InboxRow extends StoredRequest {
  id: string;
  receivedAt: string;
  statusCode: number | null;
  status: 'received' | 'dispatched' | 'failed';
  executionId: string | null;
  replayOf: string | null;
}

interface InboxPage {
  data: InboxRow[];
  meta: { count: number };
}

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<InboxRow['status'], string> = { received: 'blue', dispatched: 'green', failed: 'red' };

function Json({ value }: { value: unknown }) {
  const text = value === undefined || value === null ? '' : JSON.stringify(value);
  return (
    <Typography.Text code ellipsis={{ tooltip: text }} style={{ maxWidth: 150 }}>
      {text}
    </Typography.Text>
  );
}

/**
 * The requests this webhook stored (asynchronous mode), newest first: when, the answer's status, what
 * was declared of headers, query and body, and the execution; each can be replayed or copied as curl.
 */
export function RequestLog() {
  const t = usePluginTranslation();
  const api = useAPIClient();
  const { message } = App.useApp();
  const workflow = useFlowContext().workflow;
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<InboxRow['status'] | undefined>();
  const [rows, setRows] = useState<InboxRow[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const url = useWebhookUrl();

  const load = useCallback(async () => {
    if (!workflow?.key) {
      return;
    }
    setLoading(true);
    try {
      const answer = await api.request<InboxPage>({
        url: 'webhookInbox:list',
        params: {
          filter: { workflowKey: workflow.key, ...(status ? { status } : {}) },
          sort: ['-id'],
          page,
          pageSize: PAGE_SIZE,
        },
      });
      setRows(answer.data.data);
      setTotal(answer.data.meta.count);
    } finally {
      setLoading(false);
    }
  }, [api, workflow?.key, status, page]);

  useEffect(() => {
    if (open) {
      void load();
    }
  }, [open, load]);

  const replay = async (row: InboxRow) => {
    await api.request({ url: 'webhookInbox:replay', method: 'post', params: { filterByTk: row.id } });
    message.success(t('The request is stored again and will run as a replay.'));
    await load();
  };

  // The log stays usable when the trigger form is read-only, as it is once the workflow has run.
  return (
    <ConfigProvider componentDisabled={false}>
      <Button className="hookflow-open-request-log" onClick={() => setOpen(true)}>
        {t('Request log')}
      </Button>
      <Drawer
        title={t('Request log')}
        width="90%"
        open={open}
        onClose={() => setOpen(false)}
        className="hookflow-request-log"
        destroyOnClose
      >
        <Space style={{ marginBottom: 16 }}>
          <Select
            aria-label={t('Status')}
            allowClear
            placeholder={t('Any status')}
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
            options={(['received', 'dispatched', 'failed'] as const).map((value) => ({ value, label: t(value) }))}
            style={{ width: 180 }}
          />
          <Button onClick={() => void load()}>{t('Refresh')}</Button>
        </Space>
        <Table<InboxRow>
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          loading={loading}
          dataSource={rows}
          pagination={{ current: page, pageSize: PAGE_SIZE, total, onChange: setPage, showSizeChanger: false }}
          columns={[
            {
              title: t('Received at'),
              dataIndex: 'receivedAt',
              render: (value: string) => new Date(value).toLocaleString(),
            },
            { title: t('Answer'), dataIndex: 'statusCode' },
            {
              title: t('Status'),
              dataIndex: 'status',
              render: (value: InboxRow['status'], row) => (
                <Space size={4}>
                  <Tag color={STATUS_COLORS[value]}>{t(value)}</Tag>
                  {row.replayOf && <Tag>{t('replay of #{{id}}', { id: row.replayOf })}</Tag>}
                </Space>
              ),
            },
            { title: t('Headers'), dataIndex: 'headers', render: (value: unknown) => <Json value={value} /> },
            { title: t('Query parameters'), dataIndex: 'query', render: (value: unknown) => <Json value={value} /> },
            { title: t('Body'), dataIndex: 'body', render: (value: unknown) => <Json value={value} /> },
            {
              title: t('Execution'),
              dataIndex: 'executionId',
              render: (value: string | null) =>
                value ? (
                  <a href={`/admin/workflow/executions/${value}`} target="_blank" rel="noreferrer">
                    #{value}
                  </a>
                ) : null,
            },
            {
              title: t('Actions'),
              key: 'actions',
              fixed: 'right',
              render: (_: unknown, row) => (
                <Space size={4}>
                  <Button size="small" onClick={() => void replay(row)}>
                    {t('Replay')}
                  </Button>
                  <Typography.Text
                    copyable={{ text: curlCommand(url, row), icon: [t('Copy as curl'), t('Copied')], tooltips: false }}
                  />
                </Space>
              ),
            },
          ]}
        />
      </Drawer>
    </ConfigProvider>
  );
}
