package dev.jirasdk.sync;

/** How a run reads Jira. */
public enum SyncMode {
  /** Read everything again from the start (checkpoints of a finished stream are ignored; an interrupted
   * full run resumes from its last committed page). */
  FULL,
  /** Read what changed since each stream's cursor (minus the overlap); streams without a cursor read fully. */
  INCREMENTAL
}
