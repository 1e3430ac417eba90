import { Processor } from '@nocobase/plugin-workflow';

/**
 * NocoBase's Processor for an execution that has only just been created. NocoBase reads an
 * execution's jobs back before every run, since it may be resuming one; a new execution has none, so
 * only its nodes are prepared: loaded once per workflow version (NocoBase caches them on the workflow
 * too) and linked to their neighbours.
 */
export class NewExecutionProcessor extends Processor {
  override async prepare() {
    const { workflow } = this.execution;
    if (!workflow) {
      throw new Error(`workflow (#${this.execution.workflowId}) of execution ${this.execution.id} is missing`);
    }
    workflow.nodes ??= await workflow.getNodes();
    this.nodes = workflow.nodes;
    for (const node of this.nodes) {
      this.nodesMap.set(node.id, node);
    }
    for (const node of this.nodes) {
      const { upstreamId, downstreamId } = node.get() as { upstreamId?: number; downstreamId?: number };
      if (upstreamId) {
        node.upstream = this.nodesMap.get(upstreamId)!;
      }
      if (downstreamId) {
        node.downstream = this.nodesMap.get(downstreamId)!;
      }
    }
    this.execution.jobs = [];
  }
}
