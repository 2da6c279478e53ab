package dev.jirasdk.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * Remembers the {@code state} of authorization flows in progress so a callback can be checked. The
 * in-memory default loses flows on restart; the SQLite store keeps them. Implementations must be
 * thread-safe and make {@link #consume} atomic.
 */
public interface PendingAuthorizationStore {

  /** Records a new flow. */
  void save(PendingAuthorization pending);

  /**
   * Atomically marks the flow consumed at {@code now} and returns it as it was before: a record whose
   * {@code consumedAt} is non-null means the state was already used (a replay).
   */
  Optional<PendingAuthorization> consume(String stateHash, Instant now);

  /** Deletes flows that expired before {@code cutoff}; returns how many. */
  int purgeExpired(Instant cutoff);
}
