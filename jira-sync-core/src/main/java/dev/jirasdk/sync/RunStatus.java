package dev.jirasdk.sync;

/** State of a run or of one stream in it. */
public enum RunStatus {
  RUNNING,
  /** Every stream finished. */
  SUCCEEDED,
  /** Some streams failed; the others finished (see {@link SyncRun#errors()}). */
  PARTIAL,
  /** Nothing finished (or the run itself could not start). */
  FAILED,
  /** Stopped by {@code cancel()} or an interrupt; committed pages stay and the next run resumes from them. */
  CANCELLED
}
