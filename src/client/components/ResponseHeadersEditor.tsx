import React from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import { WorkflowVariableInput } from '@nocobase/plugin-workflow/client';
import { usePluginTranslation } from '../locale';

export interface ResponseHeader {
  name: string;
  value: string;
}

interface ResponseHeadersEditorProps {
  value?: ResponseHeader[];
  onChange?: (headers: ResponseHeader[]) => void;
  /** Values may hold `{{…}}` variables (Response node); an async webhook's answer is fixed text. */
  variables?: boolean;
  disabled?: boolean;
}

export function ResponseHeadersEditor({ value, onChange, variables, disabled }: ResponseHeadersEditorProps) {
  const t = usePluginTranslation();
  const headers = value ?? [];
  const update = (index: number, change: Partial<ResponseHeader>) =>
    onChange?.(headers.map((header, at) => (at === index ? { ...header, ...change } : header)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {headers.map((header, index) => (
        <Space.Compact key={index} block>
          <Input
            aria-label={t('Header name')}
            placeholder={t('Header name')}
            value={header.name}
            disabled={disabled}
            onChange={(event) => update(index, { name: event.target.value })}
            style={{ width: '40%' }}
          />
          {variables ? (
            <WorkflowVariableInput
              variableOptions={{}}
              value={header.value}
              disabled={disabled}
              onChange={(next: string) => update(index, { value: next ?? '' })}
            />
          ) : (
            <Input
              aria-label={t('Header value')}
              placeholder={t('Header value')}
              value={header.value}
              disabled={disabled}
              onChange={(event) => update(index, { value: event.target.value })}
            />
          )}
          <Button
            aria-label={t('Remove')}
            icon={<DeleteOutlined />}
            disabled={disabled}
            onClick={() => onChange?.(headers.filter((_, at) => at !== index))}
          />
        </Space.Compact>
      ))}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        disabled={disabled}
        onClick={() => onChange?.([...headers, { name: '', value: '' }])}
      >
        {t('Add header')}
      </Button>
    </Space>
  );
}
