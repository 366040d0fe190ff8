import type { ModelConfig } from '../../config/schema.js';
import type { Logger } from '../../log.js';
import type { JobId } from '../../queue/queue.js';
import type { Step, WorkspaceRef } from '../../rules/plan.js';
import type { Store } from '../../store/store.js';
import type { Nodes } from '../../xecm/nodes.js';
import type { NodeProperties } from '../../xecm/types.js';
import type { Records } from '../../xecm/records.js';
import type { Workspaces } from '../../xecm/workspaces.js';

/** What the steps share: the context of one plan's execution (jobs/execute-plan.ts builds it). */

export type StepOutcome = 'created' | 'updated' | 'unchanged' | 'versioned' | 'added' | 'exists' | 'pending' | 'kept' | 'classified';

export interface StepResult {
  step: string;
  outcome: StepOutcome;
  nodeId?: number;
  /** Attributes the step would write that the category lacks; skipped (unless model.strictAttributes). */
  missingAttributes?: string[];
}

export interface ExecuteContext {
  shop: string;
  model: ModelConfig;
  workspaces: Workspaces;
  nodes: Nodes;
  records: Records;
  store: Store;
  log: Logger;
  /** The change's payload: what documents are rendered from (numbers beyond 2^53 as their exact text). */
  payload: unknown;
  /** The payload exactly as Shopify sent it (the snapshot keeps every number as written). */
  payloadText: string;
  eventId: number;
  jobId: JobId;
  /** The shop's xECM external system id. */
  extSystemId: string;
  /**
   * This version of the resource was applied before (the same state seen again, e.g. by sync):
   * documents already filed for it are kept rather than rendered again from a payload that may
   * carry less detail.
   */
  sameVersion?: boolean;
}

/** A write an xECM operation made, for the audit log. */
export interface Write {
  action: string;
  nodeId?: number;
  detail?: unknown;
}

/** What every step gets: the execution context and the helpers the steps share within one plan. */
export interface StepContext extends ExecuteContext {
  /** Runs one xECM operation; when it wrote something (`wrote` returns the write), records it in the audit log. */
  audited<T>(target: string, fn: () => Promise<T>, wrote: (r: T) => Write | undefined): Promise<T>;
  /** The workspace's node id, when it exists in xECM (looked up by business object, then remembered). */
  workspaceNode(ref: WorkspaceRef): Promise<number | undefined>;
  /** The same, or WORKSPACE_NOT_READY (retried) when it does not exist yet. */
  requireWorkspace(ref: WorkspaceRef): Promise<number>;
  /**
   * Remembers a workspace's node id for the rest of the plan; `created`: this plan created it (from
   * its template), so its folders hold nothing the plan must look for before filing.
   */
  remember(ref: WorkspaceRef, nodeId: number, opts?: { created?: boolean }): void;
  /**
   * The workspace's folder of this name, created when missing. The workspace's children are listed
   * once per plan and remembered, with the folders the plan creates, so that the plan's steps share
   * one listing rather than each looking the folder up. `created`: this call created it; `fresh`:
   * the folder or its workspace was created by this plan, so a document is filed without looking
   * for one of its name first (a name there after all is found by the upload's refusal).
   */
  folder(ref: WorkspaceRef, name: string): Promise<{ node: NodeProperties; created: boolean; fresh: boolean }>;
}

export type StepRunner<S extends Step> = (step: S, ctx: StepContext) => Promise<Omit<StepResult, 'step'>>;

export const workspaceKey = (w: Pick<WorkspaceRef, 'boType' | 'boId'>): string => `${w.boType}/${w.boId}`;
