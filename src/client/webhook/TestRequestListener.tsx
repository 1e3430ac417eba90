import React, { useState } from 'react';
import { useField } from '@formily/react';
import type { Field, GeneralField } from '@formily/core';
import { useAPIClient } from '@nocobase/client';
import { useFlowContext } from '@nocobase/plugin-workflow/client';
import { Alert, Button, Descriptions, Space, Typography } from 'antd';
import type { CapturedRequest } from '../../common/capturedRequest';
import { LISTEN_TIMEOUT_SECONDS } from '../../common/webhookConfig';
import type { LocaleKey } from '../../locale';
import { usePluginTranslation } from '../locale';
import { keysOfSample, mergeSampleKeys, type ParsedItem, type RequestPart, SampleError } from './samplePaths';

/** How long the canvas waits for the server's answer: the server's longest wait, and 10 s more. */
const LISTEN_REQUEST_TIMEOUT_MS = (LISTEN_TIMEOUT_SECONDS + 10) * 1000;

/** Header lines as a sample for "parse": the request's own headers, without the transport's. */
const TRANSPORT_HEADERS = new Set(['host', 'connection', 'content-length', 'accept-encoding', 'transfer-encoding']);

function headerSample(headers: Record<string, string>): string {
  return Object.entries(headers)
    .filter(([name]) => !TRANSPORT_HEADERS.has(name))
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/**
 * "Listen for a test request": waits up to 2 minutes for the next request to this webhook's URL,
 * shows it, and fills the header, query and body keys from it.
 */
export function TestRequestListener() {
  const t = usePluginTranslation();
  const api = useAPIClient();
  const field = useField<GeneralField>();
  const workflow = useFlowContext().workflow;
  const [listening, setListening] = useState(false);
  const [captured, setCaptured] = useState<CapturedRequest | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const listen = async () => {
    setListening(true);
    setNotice(null);
    setCaptured(null);
    try {
      const answer = await api.request<{ data: { request: CapturedRequest | null } }>({
        url: 'webhookInbox:listen',
        method: 'post',
        params: { workflowKey: workflow?.key },
        timeout: LISTEN_REQUEST_TIMEOUT_MS,
      });
      const request = answer.data.data.request;
      setCaptured(request);
      if (!request) {
        setNotice(t('No request arrived in 2 minutes.'));
      }
    } finally {
      setListening(false);
    }
  };

  const parse = () => {
    if (!captured) {
      return;
    }
    const samples: [RequestPart, string][] = [
      ['headers', headerSample(captured.headers)],
      ['query', captured.query],
      ['body', captured.body ?? ''],
    ];
    for (const [part, sample] of samples) {
      if (!sample.trim()) {
        continue;
      }
      const target = field.query(`.request.${part}`).take() as Field | undefined;
      try {
        const items = (target?.value ?? []) as ParsedItem[];
        target?.setValue(mergeSampleKeys(part, items, keysOfSample(part, sample)));
      } catch (failure) {
        if (!(failure instanceof SampleError)) {
          throw failure;
        }
        setNotice(t(failure.message as LocaleKey));
      }
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} className="hookflow-test-listener">
      <Space>
        <Button loading={listening} disabled={!workflow?.key} onClick={() => void listen()}>
          {listening ? t('Waiting for a request…') : t('Listen for a test request')}
        </Button>
        {captured && (
          <Button type="primary" onClick={parse}>
            {t('Parse from this request')}
          </Button>
        )}
      </Space>
      {notice && <Alert type="info" message={notice} showIcon />}
      {captured && (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('Received at')}>
            {new Date(captured.receivedAt).toLocaleString()} · {captured.method} · {captured.status}
          </Descriptions.Item>
          <Descriptions.Item label={t('Query parameters')}>
            <Typography.Text code>{captured.query || '—'}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('Headers')}>
            <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {headerSample(captured.headers)}
            </Typography.Paragraph>
          </Descriptions.Item>
          <Descriptions.Item label={t('Body')}>
            <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {captured.body ?? '—'}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Space>
  );
}
