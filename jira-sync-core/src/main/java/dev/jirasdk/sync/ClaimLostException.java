package dev.jirasdk.sync;

import dev.jirasdk.auth.JiraException;
import java.util.Objects;

/**
 * A holder used a {@link SyncClaim} that is no longer the current grant of its key (another instance took it
 * over after it expired, or it was released): the renewal or the page it tried was refused and nothing was
 * written.
 */
public class ClaimLostException extends JiraException {
  private static final long serialVersionUID = 1L;

  private final transient SyncClaim claim;

  public ClaimLostException(SyncClaim claim, String message) {
    super(message);
    this.claim = Objects.requireNonNull(claim, "claim == null");
  }

  /** Creates the standard message: which key, which holder and token, and why. */
  public static ClaimLostException of(SyncClaim claim, String why) {
    return new ClaimLostException(claim, "claim " + claim.key() + " of " + claim.holder() + " (run " + claim.runId()
        + ", fencing token " + claim.fencingToken() + ") is lost: " + why);
  }

  /** The stale claim. */
  public SyncClaim claim() {
    return claim;
  }
}
