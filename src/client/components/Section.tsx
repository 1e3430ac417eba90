import React, { type ReactNode } from 'react';
import { observer, useField } from '@formily/react';
import { Divider } from 'antd';

/** A titled group of fields in a config form, laid out like the fields around it. */
export const Section = observer(function Section({ children }: { children?: ReactNode }) {
  const field = useField();
  return (
    <div className="hookflow-section">
      <Divider orientation="left" plain>
        {field.title}
      </Divider>
      {children}
    </div>
  );
});
