import type { WorkflowModel } from '@nocobase/plugin-workflow';
import { InterceptableAction, isInterceptableAction } from '../../common/constants';
import type { RequestInterceptionConfig } from './config';
import { configuredCollectionKey } from './collectionKey';

interface IndexedWorkflow {
  workflow: WorkflowModel;
  collection: string;
  actions: ReadonlySet<InterceptableAction> | null;
}

/** The fields of a workflow the index reads; `off()` may hand over a plain snapshot, not a model. */
type WorkflowSnapshot = Pick<WorkflowModel, 'id' | 'key' | 'config'>;

function indexable(workflow: WorkflowModel): IndexedWorkflow | null {
  const config = (workflow.config ?? {}) as Partial<RequestInterceptionConfig>;
  if (typeof config.collection !== 'string' || !config.collection) {
    return null;
  }
  const actions = Array.isArray(config.actions) ? config.actions.filter(isInterceptableAction) : [];
  if (config.global && !actions.length) {
    return null;
  }
  return {
    workflow,
    collection: configuredCollectionKey(config.collection),
    actions: actions.length ? new Set(actions) : null,
  };
}

/**
 * The enabled request-interception workflows, kept current by the trigger's on()/off() so that a
 * request finds its workflows without a database query or a scan of all workflows.
 */
export class InterceptionIndex {
  private readonly byId = new Map<number, IndexedWorkflow>();
  private readonly localByKey = new Map<string, IndexedWorkflow>();
  private readonly globalByCollection = new Map<string, IndexedWorkflow[]>();

  add(workflow: WorkflowModel) {
    this.remove(workflow);
    const entry = indexable(workflow);
    if (!entry) {
      return;
    }
    this.byId.set(workflow.id, entry);
    if (workflow.config.global) {
      const list = [...(this.globalByCollection.get(entry.collection) ?? []), entry];
      list.sort((a, b) => a.workflow.id - b.workflow.id);
      this.globalByCollection.set(entry.collection, list);
    } else {
      this.localByKey.set(workflow.key, entry);
    }
  }

  remove(workflow: WorkflowSnapshot) {
    const entry = this.byId.get(workflow.id);
    if (!entry) {
      return;
    }
    this.byId.delete(workflow.id);
    if (this.localByKey.get(entry.workflow.key) === entry) {
      this.localByKey.delete(entry.workflow.key);
    }
    const globals = this.globalByCollection.get(entry.collection);
    if (globals) {
      const rest = globals.filter((item) => item !== entry);
      if (rest.length) {
        this.globalByCollection.set(entry.collection, rest);
      } else {
        this.globalByCollection.delete(entry.collection);
      }
    }
  }

  /**
   * The workflows to run, in order: local ones as `localKeys` names them, then global ones by id.
   */
  match(collection: string, action: InterceptableAction, localKeys: readonly string[]): WorkflowModel[] {
    const matched: WorkflowModel[] = [];
    for (const key of localKeys) {
      const entry = this.localByKey.get(key);
      if (entry && entry.collection === collection && (!entry.actions || entry.actions.has(action))) {
        matched.push(entry.workflow);
      }
    }
    for (const entry of this.globalByCollection.get(collection) ?? []) {
      if (entry.actions?.has(action)) {
        matched.push(entry.workflow);
      }
    }
    return matched;
  }

  get size() {
    return this.byId.size;
  }
}
