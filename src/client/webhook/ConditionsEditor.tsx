import React from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space } from 'antd';
import type { CONDITION_OPERATORS, CONDITION_SOURCES } from '../../common/webhookConfig';
import { usePluginTranslation } from '../locale';

type Source = (typeof CONDITION_SOURCES)[number];
type Operator = (typeof CONDITION_OPERATORS)[number];

interface Condition {
  source: Source;
  key: string;
  operator: Operator;
  value?: string | string[];
}

/** A list typed as `a, b` in one input: the values of an "in" condition. */
function listOf(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Tests on the request that must all pass before the workflow runs; other requests are acknowledged. */
export function ConditionsEditor({
  value,
  onChange,
  disabled,
}: {
  value?: Condition[] | null;
  onChange?: (value: Condition[] | undefined) => void;
  disabled?: boolean;
}) {
  const t = usePluginTranslation();
  const conditions = value ?? [];
  const set = (list: Condition[]) => onChange?.(list.length ? list : undefined);
  const update = (index: number, patch: Partial<Condition>) =>
    set(conditions.map((condition, at) => (at === index ? { ...condition, ...patch } : condition)));
  const changeOperator = (index: number, operator: Operator) => {
    const current = conditions[index];
    const text = Array.isArray(current.value) ? current.value.join(', ') : (current.value ?? '');
    update(index, {
      operator,
      value: operator === 'exists' ? undefined : operator === 'in' ? listOf(text) : text,
    });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} className="hookflow-conditions">
      {conditions.map((condition, index) => (
        <Space.Compact key={index} block>
          <Select
            aria-label={t('Source')}
            value={condition.source}
            disabled={disabled}
            onChange={(source: Source) => update(index, { source })}
            options={[
              { value: 'headers', label: t('Headers') },
              { value: 'query', label: t('Query parameters') },
              { value: 'body', label: t('Body') },
            ]}
            style={{ width: 180 }}
          />
          <Input
            aria-label={t('Key')}
            placeholder={t('Key')}
            value={condition.key}
            disabled={disabled}
            onChange={(event) => update(index, { key: event.target.value })}
          />
          <Select
            aria-label={t('Operator')}
            value={condition.operator}
            disabled={disabled}
            onChange={(operator: Operator) => changeOperator(index, operator)}
            options={[
              { value: 'equals', label: t('equals') },
              { value: 'in', label: t('is one of') },
              { value: 'exists', label: t('exists') },
            ]}
            style={{ width: 140 }}
          />
          {condition.operator !== 'exists' && (
            <Input
              aria-label={t('Value')}
              placeholder={condition.operator === 'in' ? 'a, b, c' : t('Value')}
              value={Array.isArray(condition.value) ? condition.value.join(', ') : condition.value}
              disabled={disabled}
              onChange={(event) =>
                update(index, {
                  value: condition.operator === 'in' ? listOf(event.target.value) : event.target.value,
                })
              }
            />
          )}
          <Button
            aria-label={t('Remove')}
            icon={<DeleteOutlined />}
            disabled={disabled}
            onClick={() => set(conditions.filter((_, at) => at !== index))}
          />
        </Space.Compact>
      ))}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        disabled={disabled}
        onClick={() => set([...conditions, { source: 'body', key: '', operator: 'equals', value: '' }])}
      >
        {t('Add condition')}
      </Button>
    </Space>
  );
}
