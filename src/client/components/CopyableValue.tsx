import React from 'react';
import { Typography } from 'antd';

/** A value the user copies into another system: shown in full, with a copy button. */
export function CopyableValue({ value, className }: { value: string; className?: string }) {
  return (
    <Typography.Paragraph className={className} code copyable={{ text: value }} style={{ marginBottom: 0 }}>
      {value}
    </Typography.Paragraph>
  );
}
