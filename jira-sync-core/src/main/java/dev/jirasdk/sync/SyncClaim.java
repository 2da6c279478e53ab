package dev.jirasdk.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * A lease on a piece of sync work (a connection's run, or one project partition of it), as {@link SyncClaims} granted it.
 *
 * @param key what is claimed, such as {@code sync:<connectionId>} or {@code partition:<connectionId>:<projectId>}
 * @param holder the instance holding it (see {@code JiraSync.Builder#instanceId})
 * @param runId the run doing the work, so that an instance refused a start can name it
 * @param fencingToken grows with every grant and every release of this key, never reused: a holder that lost the claim
 *     holds a smaller token than the current one, and the store refuses its renewals and its commits
 * @param claimedAt when this holder took the claim
 * @param expiresAt until when the claim holds unless renewed
 */
public record SyncClaim(String key, String holder, String runId, long fencingToken, Instant claimedAt,
    Instant expiresAt) {
  public SyncClaim {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(holder, "holder == null");
    Objects.requireNonNull(runId, "runId == null");
    Objects.requireNonNull(claimedAt, "claimedAt == null");
    Objects.requireNonNull(expiresAt, "expiresAt == null");
    if (fencingToken < 1) throw new IllegalArgumentException("fencingToken must be >= 1: " + fencingToken);
  }

  /** The claim key of a connection's sync run. */
  public static String runKey(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    return "sync:" + connectionId;
  }

  /**
   * The claim key of a project partition of a connection's sync run ({@code partition:<connectionId>:<projectId>}):
   * the instance that holds it syncs the project's issues and their children for the run named in the claim.
   */
  public static String partitionKey(String connectionId, String projectId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    Objects.requireNonNull(projectId, "projectId == null");
    return "partition:" + connectionId + ":" + projectId;
  }

  /** Whether the lease still holds at {@code now} (its holder may renew it until another takes it). */
  public boolean liveAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  /** This grant extended to {@code until} (what a renewal stores). */
  public SyncClaim renewedUntil(Instant until) {
    return new SyncClaim(key, holder, runId, fencingToken, claimedAt, until);
  }

  /**
   * What a release leaves in the store: the next fencing token (so the released grant can no longer renew or
   * commit) and an expiry at the epoch (so anyone may claim the key).
   */
  public SyncClaim released() {
    return new SyncClaim(key, holder, runId, fencingToken + 1, claimedAt, Instant.EPOCH);
  }

  /**
   * Checks a lease's times: both given and {@code until} after {@code now}.
   *
   * @throws IllegalArgumentException if {@code until} is not after {@code now}
   */
  public static void checkLease(Instant now, Instant until) {
    Objects.requireNonNull(now, "now == null");
    Objects.requireNonNull(until, "until == null");
    if (!until.isAfter(now)) throw new IllegalArgumentException("until " + until + " is not after now " + now);
  }
}
