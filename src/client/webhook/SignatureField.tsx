import React from 'react';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Select, Space, Typography } from 'antd';
import {
  DEFAULT_TOLERANCE_SECONDS,
  HMAC_ALGORITHMS,
  HMAC_ENCODINGS,
  MAX_TOLERANCE_SECONDS,
  SignatureType,
} from '../../common/webhookConfig';
import { usePluginTranslation } from '../locale';

type SchemeType = SignatureType;

export interface SignatureValue {
  type: SchemeType;
  secret: string | string[];
  toleranceSeconds?: number;
  header?: string;
  algorithm?: (typeof HMAC_ALGORITHMS)[number];
  encoding?: (typeof HMAC_ENCODINGS)[number];
  prefix?: string;
  timestampHeader?: string;
  signedContent?: string;
}

interface SignatureFieldProps {
  value?: SignatureValue | null;
  onChange?: (value: SignatureValue | undefined) => void;
  disabled?: boolean;
}

const TIMESTAMPED: SchemeType[] = ['standard-webhooks', 'stripe', 'hmac'];

function secretsOf(value: SignatureValue): string[] {
  return Array.isArray(value.secret) ? value.secret : [value.secret];
}

/**
 * The sender's signature scheme and its secrets, shown masked. Several secrets verify during a
 * rotation; the custom HMAC scheme also takes its header, algorithm, encoding and signed content.
 */
export function SignatureField({ value, onChange, disabled }: SignatureFieldProps) {
  const t = usePluginTranslation();
  const signature = value || null;
  const change = (patch: Partial<SignatureValue>) => signature && onChange?.({ ...signature, ...patch });
  const secrets = signature ? secretsOf(signature) : [];
  const setSecrets = (list: string[]) => change({ secret: list.length === 1 ? list[0] : list });
  const chooseType = (type: SchemeType | 'none') => {
    if (type === 'none') {
      onChange?.(undefined);
      return;
    }
    const base = { type, secret: signature?.secret ?? '' };
    onChange?.(type === 'hmac' ? { ...base, header: '', algorithm: 'sha256', encoding: 'hex' } : base);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} className="hookflow-signature">
      <Select
        aria-label={t('Signature scheme')}
        value={signature?.type ?? 'none'}
        disabled={disabled}
        onChange={chooseType}
        options={[
          { value: 'none', label: t('No signature') },
          { value: 'standard-webhooks', label: 'Standard Webhooks' },
          { value: 'github', label: 'GitHub (X-Hub-Signature-256)' },
          { value: 'stripe', label: 'Stripe (Stripe-Signature)' },
          { value: 'hmac', label: t('Custom HMAC') },
        ]}
      />
      {signature && (
        <>
          {secrets.map((secret, index) => (
            <Space.Compact key={index} block>
              <Input.Password
                aria-label={t('Secret')}
                placeholder={signature.type === 'standard-webhooks' ? 'whsec_… / whpk_…' : t('Secret')}
                autoComplete="new-password"
                value={secret}
                disabled={disabled}
                onChange={(event) => setSecrets(secrets.map((item, at) => (at === index ? event.target.value : item)))}
              />
              {secrets.length > 1 && (
                <Button
                  aria-label={t('Remove')}
                  icon={<DeleteOutlined />}
                  disabled={disabled}
                  onClick={() => setSecrets(secrets.filter((_, at) => at !== index))}
                />
              )}
            </Space.Compact>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={disabled}
            onClick={() => setSecrets([...secrets, ''])}
          >
            {t('Add a secret (rotation)')}
          </Button>
          {signature.type === 'hmac' && (
            <Space wrap>
              <Input
                aria-label={t('Signature header')}
                placeholder={t('Signature header')}
                value={signature.header}
                disabled={disabled}
                onChange={(event) => change({ header: event.target.value })}
              />
              <Select
                aria-label={t('Algorithm')}
                value={signature.algorithm}
                disabled={disabled}
                onChange={(algorithm) => change({ algorithm })}
                options={HMAC_ALGORITHMS.map((item) => ({ value: item, label: item }))}
              />
              <Select
                aria-label={t('Encoding')}
                value={signature.encoding}
                disabled={disabled}
                onChange={(encoding) => change({ encoding })}
                options={HMAC_ENCODINGS.map((item) => ({ value: item, label: item }))}
              />
              <Input
                aria-label={t('Prefix')}
                placeholder={t('Prefix, e.g. sha256=')}
                value={signature.prefix}
                disabled={disabled}
                onChange={(event) => change({ prefix: event.target.value || undefined })}
              />
              <Input
                aria-label={t('Timestamp header')}
                placeholder={t('Timestamp header (optional)')}
                value={signature.timestampHeader}
                disabled={disabled}
                onChange={(event) => change({ timestampHeader: event.target.value || undefined })}
              />
              <Input
                aria-label={t('Signed content')}
                placeholder="{timestamp}.{body}"
                value={signature.signedContent}
                disabled={disabled}
                onChange={(event) => change({ signedContent: event.target.value || undefined })}
              />
            </Space>
          )}
          {TIMESTAMPED.includes(signature.type) && (
            <Space>
              <Typography.Text>{t('Timestamp tolerance (seconds)')}</Typography.Text>
              <InputNumber
                aria-label={t('Timestamp tolerance (seconds)')}
                min={1}
                max={MAX_TOLERANCE_SECONDS}
                precision={0}
                placeholder={String(DEFAULT_TOLERANCE_SECONDS)}
                value={signature.toleranceSeconds}
                disabled={disabled}
                onChange={(toleranceSeconds) => change({ toleranceSeconds: toleranceSeconds ?? undefined })}
              />
            </Space>
          )}
        </>
      )}
    </Space>
  );
}
