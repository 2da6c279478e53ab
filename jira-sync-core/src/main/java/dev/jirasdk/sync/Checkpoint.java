package dev.jirasdk.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a stream stands for one partition (a project id, or {@link #GLOBAL}). The value is opaque to the
 * store: the engine writes and reads it (it holds the {@code updated} cursor, the page token in flight and
 * similar). A store keeps one checkpoint per (connection, stream, partition); committing a page replaces it.
 *
 * @param stream the stream, such as {@code issues} or {@code issues.census}
 * @param partition project id or {@link #GLOBAL}
 * @param value engine-defined state (small JSON)
 * @param savedAt when the engine produced it
 */
public record Checkpoint(String stream, String partition, String value, Instant savedAt) {
  /** Partition of streams that are not split by project. */
  public static final String GLOBAL = "*";

  public Checkpoint {
    Objects.requireNonNull(stream, "stream == null");
    Objects.requireNonNull(partition, "partition == null");
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(savedAt, "savedAt == null");
  }
}
