package dev.jirasdk.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Summary of one run of {@link JiraSync#sync}: what was read and written, what it cost and what failed.
 * Stores save it ({@link SyncStore#saveRun}) when the run starts and again when it ends.
 *
 * @param runId unique id of the run
 * @param connectionId the connection synced
 * @param mode full or incremental
 * @param status how it ended ({@link RunStatus#RUNNING} while in progress)
 * @param startedAt start
 * @param finishedAt end, or null while running
 * @param streams per stream, in the order they were requested
 * @param requests HTTP attempts made (retries included)
 * @param points points spent, as Atlassian costs them
 * @param estimatedIssues issues the run expected to read ({@code search/approximate-count}), or -1
 * @param errors what went wrong
 * @param notes notable events that are not errors, such as a refused mass-vanish or a project whose access was
 *     lost
 */
public record SyncRun(String runId, String connectionId, SyncMode mode, RunStatus status, Instant startedAt,
    @Nullable Instant finishedAt, List<StreamSummary> streams, long requests, long points, long estimatedIssues,
    List<SyncError> errors, List<String> notes) {

  public SyncRun {
    Objects.requireNonNull(runId, "runId == null");
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(mode, "mode == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(startedAt, "startedAt == null");
    streams = List.copyOf(Objects.requireNonNull(streams, "streams == null"));
    errors = List.copyOf(Objects.requireNonNull(errors, "errors == null"));
    notes = List.copyOf(Objects.requireNonNull(notes, "notes == null"));
  }

  /** Time from start to end by the engine's clock; zero while the run is still going. */
  public Duration duration() {
    return finishedAt == null ? Duration.ZERO : Duration.between(startedAt, finishedAt);
  }

  /** Counts per entity summed over the streams. */
  public Map<Entity, Counts> counts() {
    Map<Entity, Counts> m = new EnumMap<>(Entity.class);
    for (StreamSummary s : streams) {
      s.counts().forEach((e, c) -> m.merge(e, c, Counts::plus));
    }
    return m;
  }

  /** Counts for one entity (zero if none). */
  public Counts counts(Entity entity) {
    return counts().getOrDefault(entity, Counts.ZERO);
  }

  /** The summary of a stream, or null. */
  public @Nullable StreamSummary stream(String streamName) {
    for (StreamSummary s : streams) if (s.stream().equals(streamName)) return s;
    return null;
  }

  public boolean succeeded() {
    return status == RunStatus.SUCCEEDED;
  }
}
