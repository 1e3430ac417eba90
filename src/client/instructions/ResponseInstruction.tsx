import React from 'react';
import { SendOutlined } from '@ant-design/icons';
import { Instruction, WorkflowVariableJSON, type NodeAvailableContext } from '@nocobase/plugin-workflow/client';
import { INSTRUCTION_TYPES, TRIGGER_TYPES } from '../../common/constants';
import { ResponseHeadersEditor } from '../components/ResponseHeadersEditor';
import { responseFieldset } from '../components/responseFieldset';
import { tExpr } from '../locale';

/** Answers a synchronous webhook's caller and ends the workflow, so the canvas offers no node after it. */
export class ResponseInstruction extends Instruction {
  override title = tExpr('Response');
  override type = INSTRUCTION_TYPES.RESPONSE;
  override group = 'extended';
  override description = tExpr('Answers the webhook caller with this status, headers and body, and ends the workflow.');
  override icon = (<SendOutlined />);
  override end = true;
  override fieldset = responseFieldset('templated');
  override components = { ResponseHeadersEditor, WorkflowVariableJSON };

  override isAvailable({ workflow }: NodeAvailableContext): boolean {
    const { type, sync } = workflow as { type?: string; sync?: boolean };
    return type === TRIGGER_TYPES.WEBHOOK && Boolean(sync);
  }
}
