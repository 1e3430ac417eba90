import React from 'react';
import { MessageOutlined } from '@ant-design/icons';
import { Instruction, WorkflowVariableTextArea, type NodeAvailableContext } from '@nocobase/plugin-workflow/client';
import { INSTRUCTION_TYPES, TRIGGER_TYPES } from '../../common/constants';
import { tExpr } from '../locale';

/** Adds a message to the answer of the intercepted request; offered only where there is such a request. */
export class ResponseMessageInstruction extends Instruction {
  override title = tExpr('Response message');
  override type = INSTRUCTION_TYPES.RESPONSE_MESSAGE;
  override group = 'extended';
  override description = tExpr(
    'Adds a message to the answer of the intercepted request: shown to the user whether the request passes or is rejected.',
  );
  override icon = (<MessageOutlined />);
  override fieldset = {
    message: {
      type: 'string',
      title: tExpr('Message'),
      description: tExpr('Text; insert variables with the button on the right.'),
      'x-decorator': 'FormItem',
      'x-component': 'WorkflowVariableTextArea',
      'x-component-props': { variableOptions: {} },
    },
  };
  override components = { WorkflowVariableTextArea };

  override isAvailable({ workflow }: NodeAvailableContext): boolean {
    return (workflow as { type?: string }).type === TRIGGER_TYPES.REQUEST_INTERCEPTION;
  }
}
