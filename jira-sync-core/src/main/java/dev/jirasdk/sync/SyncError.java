package dev.jirasdk.sync;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something that went wrong in a run, with enough context to act on it.
 *
 * @param stream the stream, such as {@code issues}
 * @param partition project id or {@link Checkpoint#GLOBAL}
 * @param kind what kind of failure it was
 * @param endpoint method and path, or null
 * @param status HTTP status, or 0
 * @param messages Jira's {@code errorMessages} (or the exception message)
 * @param exceptionType the exception's class name, or null
 * @param at when it happened
 */
public record SyncError(String stream, String partition, Kind kind, @Nullable String endpoint, int status,
    List<String> messages, @Nullable String exceptionType, Instant at) {
  public SyncError {
    Objects.requireNonNull(stream, "stream == null");
    Objects.requireNonNull(partition, "partition == null");
    Objects.requireNonNull(kind, "kind == null");
    messages = List.copyOf(Objects.requireNonNull(messages, "messages == null"));
    Objects.requireNonNull(at, "at == null");
  }

  /** Classification of a {@link SyncError}; {@link #wireName()} is the stable lower-case name stores persist. */
  public enum Kind {
    /** The grant is gone or was refused (401, revoked refresh token): reauthorize. */
    AUTH,
    /** Jira answered 403, a requested project is not visible, or the grant lacks a stream's scope. */
    PERMISSION,
    /** Still throttled after every retry of the client. */
    RATE_LIMIT,
    /** Any other 4xx/5xx answer of Jira. */
    API,
    /** No answer: connection refused, reset, timed out. */
    TRANSPORT,
    /** An answer that is not what the endpoint promises (HTML, garbled JSON, wrong shape). */
    RESPONSE,
    /** An endpoint's paging broke its own rules, or exceeded its cap. */
    PAGINATION,
    /** An id or key from Jira that cannot be used in a query or path. */
    INVALID_ID,
    /** The store failed. */
    STORE,
    /** A census found too many issues missing and deleted nothing. */
    MASS_VANISH,
    /** A bug: an exception nobody anticipated. */
    INTERNAL;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** Lower-case name such as {@code rate_limit}; stable across releases. */
    public String wireName() {
      return wireName;
    }

    /** The kind of a {@link #wireName()} (case-insensitive, so enum names are accepted too). */
    public static Kind of(String name) {
      Objects.requireNonNull(name, "name == null");
      for (Kind k : values()) {
        if (k.wireName.equalsIgnoreCase(name)) return k;
      }
      throw new IllegalArgumentException("unknown SyncError kind: " + name);
    }
  }

  /** One line for logs and dashboards. */
  public String describe() {
    return stream + (Checkpoint.GLOBAL.equals(partition) ? "" : "[" + partition + "]") + ": " + kind.wireName()
        + (endpoint == null ? "" : " " + endpoint) + (status == 0 ? "" : " HTTP " + status)
        + (messages.isEmpty() ? "" : ": " + String.join("; ", messages));
  }
}
