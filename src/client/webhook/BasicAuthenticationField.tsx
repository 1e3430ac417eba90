import React from 'react';
import { Input, Space, Switch } from 'antd';
import { usePluginTranslation } from '../locale';

type BasicAuthentication = false | { username: string; password: string };

interface BasicAuthenticationFieldProps {
  value?: BasicAuthentication;
  onChange?: (value: BasicAuthentication) => void;
  disabled?: boolean;
}

/** Off (`false`) or a username and password, the shape NocoBase's own webhook trigger stores. */
export function BasicAuthenticationField({ value, onChange, disabled }: BasicAuthenticationFieldProps) {
  const t = usePluginTranslation();
  const credentials = value || null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Switch
        aria-label={t('Require Basic authentication')}
        checked={Boolean(credentials)}
        disabled={disabled}
        onChange={(on) => onChange?.(on ? { username: '', password: '' } : false)}
      />
      {credentials && (
        <Space.Compact block>
          <Input
            aria-label={t('Username')}
            placeholder={t('Username')}
            autoComplete="off"
            value={credentials.username}
            disabled={disabled}
            onChange={(event) => onChange?.({ ...credentials, username: event.target.value })}
          />
          <Input.Password
            aria-label={t('Password')}
            placeholder={t('Password')}
            autoComplete="new-password"
            value={credentials.password}
            disabled={disabled}
            onChange={(event) => onChange?.({ ...credentials, password: event.target.value })}
          />
        </Space.Compact>
      )}
    </Space>
  );
}
