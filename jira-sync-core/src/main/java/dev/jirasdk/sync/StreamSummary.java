package dev.jirasdk.sync;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One stream of a run.
 *
 * @param stream stream name ({@link Entity#streamName()})
 * @param status how it ended
 * @param counts records per entity written by this stream (issues also write attachments, links, ...)
 * @param pages pages committed
 * @param requests logical requests issued by the stream (retries not included)
 * @param points points those requests cost, as Atlassian counts them
 * @param startedAt start, or null if it never started
 * @param finishedAt end, or null
 */
public record StreamSummary(String stream, RunStatus status, Map<Entity, Counts> counts, long pages,
    long requests, long points, @Nullable Instant startedAt, @Nullable Instant finishedAt) {
  public StreamSummary {
    Objects.requireNonNull(stream, "stream == null");
    Objects.requireNonNull(status, "status == null");
    counts = Map.copyOf(Objects.requireNonNull(counts, "counts == null"));
  }

  /** Sum of {@link #counts()}. */
  public Counts total() {
    Counts c = Counts.ZERO;
    for (Counts x : counts.values()) c = c.plus(x);
    return c;
  }
}
