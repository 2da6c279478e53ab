package dev.jirasdk.sync;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something that went wrong in a run, with enough context to act on it.
 *
 * @param stream the stream, such as {@code issues}
 * @param partition project id or {@link Checkpoint#GLOBAL}
 * @param kind short classification: {@code auth}, {@code permission}, {@code rate_limit}, {@code api},
 *     {@code transport}, {@code response}, {@code store}, {@code mass_vanish}, {@code internal}
 * @param endpoint method and path, or null
 * @param status HTTP status, or 0
 * @param messages Jira's {@code errorMessages} (or the exception message)
 * @param exceptionType the exception's class name, or null
 * @param at when it happened
 */
public record SyncError(String stream, String partition, String kind, @Nullable String endpoint, int status,
    List<String> messages, @Nullable String exceptionType, Instant at) {
  public SyncError {
    Objects.requireNonNull(stream, "stream == null");
    Objects.requireNonNull(partition, "partition == null");
    Objects.requireNonNull(kind, "kind == null");
    messages = List.copyOf(Objects.requireNonNull(messages, "messages == null"));
    Objects.requireNonNull(at, "at == null");
  }

  /** One line for logs and dashboards. */
  public String describe() {
    return stream + (Checkpoint.GLOBAL.equals(partition) ? "" : "[" + partition + "]") + ": " + kind
        + (endpoint == null ? "" : " " + endpoint) + (status == 0 ? "" : " HTTP " + status)
        + (messages.isEmpty() ? "" : ": " + String.join("; ", messages));
  }
}
