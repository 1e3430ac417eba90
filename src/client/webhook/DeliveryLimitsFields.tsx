import React from 'react';
import { Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { MAX_DEDUPE_WINDOW_SECONDS, MAX_RATE_LIMIT_PERIOD_SECONDS } from '../../common/webhookConfig';
import { usePluginTranslation } from '../locale';

interface Dedupe {
  header?: string;
  windowSeconds: number;
}

/** Retries of one delivery inside the window get the first answer; the header holds the delivery id. */
export function DedupeField({
  value,
  onChange,
  disabled,
}: {
  value?: Dedupe | null;
  onChange?: (value: Dedupe | undefined) => void;
  disabled?: boolean;
}) {
  const t = usePluginTranslation();
  const dedupe = value || null;
  return (
    <Space wrap className="hookflow-dedupe">
      <Switch
        aria-label={t('Deduplicate deliveries')}
        checked={Boolean(dedupe)}
        disabled={disabled}
        onChange={(on) => onChange?.(on ? { windowSeconds: 86400 } : undefined)}
      />
      {dedupe && (
        <>
          <Input
            aria-label={t('Delivery id header')}
            placeholder={t('Delivery id header (the scheme’s by default)')}
            value={dedupe.header}
            disabled={disabled}
            onChange={(event) => onChange?.({ ...dedupe, header: event.target.value || undefined })}
          />
          <Typography.Text>{t('Window (seconds)')}</Typography.Text>
          <InputNumber
            aria-label={t('Window (seconds)')}
            min={1}
            max={MAX_DEDUPE_WINDOW_SECONDS}
            precision={0}
            value={dedupe.windowSeconds}
            disabled={disabled}
            onChange={(windowSeconds) => onChange?.({ ...dedupe, windowSeconds: windowSeconds ?? 1 })}
          />
        </>
      )}
    </Space>
  );
}

interface RateLimit {
  requests: number;
  perSeconds: number;
}

/** At most `requests` requests per `perSeconds` seconds; more get 429 with Retry-After. */
export function RateLimitField({
  value,
  onChange,
  disabled,
}: {
  value?: RateLimit | null;
  onChange?: (value: RateLimit | undefined) => void;
  disabled?: boolean;
}) {
  const t = usePluginTranslation();
  const limit = value || null;
  return (
    <Space wrap className="hookflow-rate-limit">
      <Switch
        aria-label={t('Limit the request rate')}
        checked={Boolean(limit)}
        disabled={disabled}
        onChange={(on) => onChange?.(on ? { requests: 60, perSeconds: 60 } : undefined)}
      />
      {limit && (
        <>
          <InputNumber
            aria-label={t('Requests')}
            min={1}
            precision={0}
            value={limit.requests}
            disabled={disabled}
            onChange={(requests) => onChange?.({ ...limit, requests: requests ?? 1 })}
          />
          <Typography.Text>{t('requests per')}</Typography.Text>
          <InputNumber
            aria-label={t('Seconds')}
            min={1}
            max={MAX_RATE_LIMIT_PERIOD_SECONDS}
            precision={0}
            value={limit.perSeconds}
            disabled={disabled}
            onChange={(perSeconds) => onChange?.({ ...limit, perSeconds: perSeconds ?? 1 })}
          />
          <Typography.Text>{t('seconds')}</Typography.Text>
        </>
      )}
    </Space>
  );
}

/** Addresses and CIDR ranges allowed to call; empty allows everyone. */
export function AllowedAddressesField({
  value,
  onChange,
  disabled,
}: {
  value?: string[] | null;
  onChange?: (value: string[] | undefined) => void;
  disabled?: boolean;
}) {
  const t = usePluginTranslation();
  return (
    <Select
      aria-label={t('Allowed addresses')}
      mode="tags"
      tokenSeparators={[',', ' ']}
      placeholder={t('Anyone; or addresses and ranges, e.g. 203.0.113.0/24')}
      value={value ?? []}
      disabled={disabled}
      open={false}
      onChange={(list: string[]) => onChange?.(list.length ? list : undefined)}
      style={{ width: '100%' }}
    />
  );
}
