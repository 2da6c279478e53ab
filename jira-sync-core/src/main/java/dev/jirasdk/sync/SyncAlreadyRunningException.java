package dev.jirasdk.sync;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@link JiraSync#sync} refused to start because a run of the connection is in progress, in this process or, with
 * a store that implements {@link SyncClaims}, on another instance. Names the run, so a host can show it or answer
 * HTTP {@code 409} with it. An {@link IllegalStateException}, as the refusal always was.
 */
public class SyncAlreadyRunningException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String connectionId;
  private final String runId;
  private final String holder;
  private final @Nullable Instant claimedUntil;

  public SyncAlreadyRunningException(String connectionId, String runId, String holder,
      @Nullable Instant claimedUntil) {
    super("connection " + Objects.requireNonNull(connectionId, "connectionId == null") + " is already syncing: run "
        + Objects.requireNonNull(runId, "runId == null") + " on instance "
        + Objects.requireNonNull(holder, "holder == null")
        + (claimedUntil == null ? "" : " (claimed until " + claimedUntil + ")"));
    this.connectionId = connectionId;
    this.runId = runId;
    this.holder = holder;
    this.claimedUntil = claimedUntil;
  }

  public String connectionId() {
    return connectionId;
  }

  /** The run in progress. */
  public String runId() {
    return runId;
  }

  /** The instance running it. */
  public String holder() {
    return holder;
  }

  /** Until when its claim holds unless renewed; null for a run of this process not (yet) claimed in a store. */
  public @Nullable Instant claimedUntil() {
    return claimedUntil;
  }
}
