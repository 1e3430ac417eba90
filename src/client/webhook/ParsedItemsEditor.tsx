import React, { useState } from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Modal, Space, Typography } from 'antd';
import type { LocaleKey } from '../../locale';
import { usePluginTranslation } from '../locale';
import {
  keysOfSample,
  mergeSampleKeys,
  nextVariableName,
  type ParsedItem,
  type RequestPart,
  SampleError,
} from './samplePaths';

interface ParsedItemsEditorProps {
  part: RequestPart;
  value?: ParsedItem[];
  onChange?: (items: ParsedItem[]) => void;
  disabled?: boolean;
}

const SAMPLE_PLACEHOLDERS: Record<RequestPart, string> = {
  headers: 'X-Event: order.created\nX-Request-Id: 7f3c…',
  query: 'source=shop&order[id]=42&tags[]=new',
  body: '{\n  "order": { "id": 42, "items": [{ "sku": "A-1" }] }\n}',
};

const SAMPLE_HINTS: Record<RequestPart, LocaleKey> = {
  headers: 'Paste header lines (Name: value), one per line.',
  query: 'Paste a query string or a whole URL.',
  body: 'Paste a JSON body or a form body (a=1&b=2).',
};

function ParseSampleDialog({
  part,
  open,
  onClose,
  onKeys,
}: {
  part: RequestPart;
  open: boolean;
  onClose: () => void;
  onKeys: (keys: string[]) => void;
}) {
  const t = usePluginTranslation();
  const [sample, setSample] = useState('');
  const [error, setError] = useState<string | null>(null);
  const parse = () => {
    try {
      onKeys(keysOfSample(part, sample));
      setSample('');
      setError(null);
      onClose();
    } catch (failure) {
      if (!(failure instanceof SampleError)) {
        throw failure;
      }
      setError(t(failure.message as LocaleKey));
    }
  };
  return (
    <Modal
      title={t('Parse from sample')}
      open={open}
      okText={t('Parse')}
      onOk={parse}
      onCancel={onClose}
      destroyOnClose
    >
      <Typography.Paragraph type="secondary">{t(SAMPLE_HINTS[part])}</Typography.Paragraph>
      <Input.TextArea
        aria-label={t('Sample')}
        value={sample}
        placeholder={SAMPLE_PLACEHOLDERS[part]}
        autoSize={{ minRows: 6, maxRows: 20 }}
        onChange={(event) => setSample(event.target.value)}
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}

/** The keys of one part of a webhook request that the workflow reads, each with an optional alias. */
export function ParsedItemsEditor({ part, value, onChange, disabled }: ParsedItemsEditorProps) {
  const t = usePluginTranslation();
  const [sampleOpen, setSampleOpen] = useState(false);
  const items = value ?? [];
  const update = (index: number, change: Partial<ParsedItem>) =>
    onChange?.(items.map((item, at) => (at === index ? { ...item, ...change } : item)));
  const add = () =>
    onChange?.([...items, part === 'headers' ? { key: '' } : { key: '', _var: nextVariableName(part, items) }]);
  return (
    <Space direction="vertical" style={{ width: '100%' }} className={`hookflow-parsed-${part}`}>
      {items.map((item, index) => (
        <Space.Compact key={item._var ?? index} block>
          <Input
            aria-label={t('Key')}
            placeholder={t('Key')}
            value={item.key}
            disabled={disabled}
            onChange={(event) => update(index, { key: event.target.value })}
          />
          <Input
            aria-label={t('Alias')}
            placeholder={t('Alias')}
            value={item.alias}
            disabled={disabled}
            onChange={(event) => update(index, { alias: event.target.value })}
          />
          <Button
            aria-label={t('Remove')}
            icon={<DeleteOutlined />}
            disabled={disabled}
            onClick={() => onChange?.(items.filter((_, at) => at !== index))}
          />
        </Space.Compact>
      ))}
      <Space>
        <Button type="dashed" icon={<PlusOutlined />} disabled={disabled} onClick={add}>
          {t('Add key')}
        </Button>
        <Button disabled={disabled} onClick={() => setSampleOpen(true)}>
          {t('Parse from sample')}
        </Button>
      </Space>
      <ParseSampleDialog
        part={part}
        open={sampleOpen}
        onClose={() => setSampleOpen(false)}
        onKeys={(keys) => onChange?.(mergeSampleKeys(part, items, keys))}
      />
    </Space>
  );
}
