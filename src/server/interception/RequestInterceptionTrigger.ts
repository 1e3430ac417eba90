import type { Context } from '@nocobase/actions';
import PluginWorkflowServer, {
  EXECUTION_STATUS,
  Processor,
  Trigger,
  validateCollectionField,
  WorkflowModel,
} from '@nocobase/plugin-workflow';
import { TRIGGER_TYPES } from '../../common/constants';
import type { RequestOutcome } from '../http/RequestContext';
import { configErrors } from '../validation/configErrors';
import { RequestInterceptionConfig, requestInterceptionConfigSchema } from './config';
import { withoutHiddenFields } from './hiddenFields';
import { InterceptionIndex } from './InterceptionIndex';
import { errorDetails } from '../logging';
import type { InRequestProcessor } from '../execution/InRequestProcessor';
import type { InRequestRunner } from '../execution/InRequestRunner';

const END_NODE_TYPE = 'end';

/** What one intercepted request offers the workflow as `$context`. */
export interface InterceptionEventContext {
  params: { values?: unknown; filterByTk?: unknown; filter?: unknown };
  user: unknown;
  roleName: string | null;
}

/** The signed-in user as the workflow may see it: without the fields the users collection hides. */
function visibleUser(ctx: Context): unknown {
  const user = ctx.state.currentUser as { toJSON?: () => Record<string, unknown> } | undefined;
  if (!user) {
    return null;
  }
  const values = typeof user.toJSON === 'function' ? user.toJSON() : { ...user };
  return withoutHiddenFields(values, ctx.db.getCollection('users'));
}

function reachedEndNode(processor: Processor): boolean {
  const nodeId = processor.lastSavedJob?.nodeId;
  return nodeId != null && processor.nodesMap.get(nodeId)?.type === END_NODE_TYPE;
}

/** How an execution that ran during a request decides that request's fate. */
export function outcomeOfExecution(processor: InRequestProcessor): RequestOutcome {
  if (processor.timedOut) {
    return { kind: 'timed-out' };
  }
  const { status } = processor.execution;
  if (status === EXECUTION_STATUS.RESOLVED) {
    return reachedEndNode(processor) ? { kind: 'ended-resolved' } : { kind: 'passed' };
  }
  if (status === EXECUTION_STATUS.FAILED && reachedEndNode(processor)) {
    return { kind: 'ended-failed' };
  }
  return { kind: 'workflow-failed' };
}

export class RequestInterceptionTrigger extends Trigger {
  static readonly TYPE = TRIGGER_TYPES.REQUEST_INTERCEPTION;

  readonly index = new InterceptionIndex();
  override sync = true;
  override configSchema = requestInterceptionConfigSchema;

  constructor(
    workflowPlugin: PluginWorkflowServer,
    private readonly runner: InRequestRunner,
  ) {
    super(workflowPlugin);
  }

  override on(workflow: WorkflowModel) {
    this.index.add(workflow);
  }

  override off(workflow: WorkflowModel) {
    this.index.remove(workflow);
  }

  override validateConfig(config: Record<string, unknown>) {
    const errors = configErrors(this.configSchema, config);
    if (errors) {
      return errors;
    }
    const { collection } = config as unknown as RequestInterceptionConfig;
    let exists = false;
    try {
      exists = validateCollectionField(collection, this.workflow.app.dataSourceManager) === null;
    } catch {
      // NocoBase reads a name with a dot as a path through an association, and throws when there is none.
    }
    return exists ? null : { collection: 'This collection does not exist.' };
  }

  /** Runs one workflow, to completion, for the request in `ctx`. */
  async runFor(ctx: Context, workflow: WorkflowModel): Promise<RequestOutcome> {
    try {
      const event: InterceptionEventContext = {
        params: {
          values: withoutHiddenFields(
            ctx.action.params.values,
            ctx.dataSource?.collectionManager.getCollection(ctx.action.resourceName),
          ),
          filterByTk: ctx.action.params.filterByTk,
          filter: ctx.action.params.filter,
        },
        user: visibleUser(ctx),
        roleName: ctx.state.currentRole ?? null,
      };
      return outcomeOfExecution(await this.runner.run(workflow, event, ctx));
    } catch (error) {
      ctx.logger.error('[hookflow:interception] workflow could not run', {
        workflowId: workflow.id,
        workflowKey: workflow.key,
        error: errorDetails(error),
      });
      return { kind: 'workflow-failed' };
    }
  }
}

/** Request-interception workflows always run inside the request: saved as synchronous, whatever was sent. */
export function forceSynchronous(workflow: WorkflowModel) {
  if (workflow.get('type') === TRIGGER_TYPES.REQUEST_INTERCEPTION && workflow.get('sync') !== true) {
    workflow.set('sync', true);
  }
}
