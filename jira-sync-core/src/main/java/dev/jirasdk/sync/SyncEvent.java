package dev.jirasdk.sync;

import java.time.Instant;
import java.util.List;

/**
 * Progress of a run, delivered to {@link SyncListener}. For one stream the order is always
 * {@link StreamStarted}, any number of {@link PageCommitted}, {@link StreamFinished}; a run starts with
 * {@link RunStarted} and ends with {@link RunFinished} or {@link RunFailed}. Events of different streams
 * interleave. Events never contain tokens.
 */
public sealed interface SyncEvent {
  String runId();

  String connectionId();

  Instant at();

  /** @param estimatedIssues from {@code search/approximate-count}, or -1 if unknown */
  record RunStarted(String runId, String connectionId, SyncMode mode, List<String> streams, long estimatedIssues,
      Instant at) implements SyncEvent {}

  record StreamStarted(String runId, String connectionId, String stream, Instant at) implements SyncEvent {}

  /**
   * @param partition project id or {@link Checkpoint#GLOBAL}
   * @param items items read from Jira for the page
   * @param result what the store did with it
   */
  record PageCommitted(String runId, String connectionId, String stream, String partition, int items,
      PageResult result, Instant at) implements SyncEvent {}

  /** Something worth telling that is not a failure, such as a refused mass-vanish or lost project access. */
  record Notice(String runId, String connectionId, String stream, String message, Instant at) implements SyncEvent {}

  /**
   * Work the run left for a later run because the points budget is low: it would have cost about
   * {@code neededPoints}, and only {@code availablePoints} of the sync's share were left until
   * {@code budgetResetsAt}. Nothing is lost: the next run due after the reset does it.
   *
   * @param partition project id or {@link Checkpoint#GLOBAL}
   * @param budgetResetsAt when the budget resets, or {@link Instant#EPOCH} if Jira did not say
   */
  record WorkDeferred(String runId, String connectionId, String stream, String partition, DeferredWork work,
      long neededPoints, long availablePoints, Instant budgetResetsAt, Instant at) implements SyncEvent {}

  /** What a run may put off while the points budget is low. */
  enum DeferredWork {
    /** The id census of a project that finds issues deleted in Jira. */
    DELETION_CENSUS
  }

  record StreamFinished(String runId, String connectionId, StreamSummary summary, Instant at) implements SyncEvent {
    public String stream() {
      return summary.stream();
    }
  }

  /** The run ended with {@link RunStatus#SUCCEEDED}, {@link RunStatus#PARTIAL} or {@link RunStatus#CANCELLED}. */
  record RunFinished(String runId, String connectionId, SyncRun run, Instant at) implements SyncEvent {}

  /** The run ended with {@link RunStatus#FAILED}. */
  record RunFailed(String runId, String connectionId, SyncRun run, Instant at) implements SyncEvent {}
}
