import React, { useState } from 'react';
import { Input, Typography } from 'antd';
import { usePluginTranslation } from '../locale';

interface FixedBodyEditorProps {
  value?: unknown;
  onChange?: (body: unknown) => void;
  disabled?: boolean;
}

function asText(value: unknown): string {
  if (value === undefined) {
    return '';
  }
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** Text that starts like a JSON object or array is JSON (sent as application/json); anything else is plain text. */
function parseBody(text: string): { body: unknown; invalid: boolean } {
  if (!/^\s*[[{]/.test(text)) {
    return { body: text, invalid: false };
  }
  try {
    return { body: JSON.parse(text), invalid: false };
  } catch {
    return { body: undefined, invalid: true };
  }
}

/** The fixed body of an asynchronous webhook's answer; while the JSON is incomplete the last valid body stays. */
export function FixedBodyEditor({ value, onChange, disabled }: FixedBodyEditorProps) {
  const t = usePluginTranslation();
  const [text, setText] = useState(() => asText(value));
  const { invalid } = parseBody(text);
  const change = (next: string) => {
    setText(next);
    const parsed = parseBody(next);
    if (!parsed.invalid) {
      onChange?.(parsed.body);
    }
  };
  return (
    <>
      <Input.TextArea
        aria-label={t('Response body')}
        value={text}
        disabled={disabled}
        autoSize={{ minRows: 4, maxRows: 16 }}
        onChange={(event) => change(event.target.value)}
      />
      {invalid && <Typography.Text type="danger">{t('The body is not valid JSON yet.')}</Typography.Text>}
    </>
  );
}
