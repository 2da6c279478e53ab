package dev.jirasdk.sync;

import java.time.Instant;
import java.util.Optional;

/**
 * Leases on sync work shared by every instance that uses one store: at most one live {@link SyncClaim} per key,
 * an expiry so that work of an instance that died is taken over, and a fencing token so that an instance that
 * lost its claim (it stalled past the expiry and another took over) can neither renew it nor commit another page
 * under it.
 *
 * <pre>{@code
 * Optional<SyncClaim> claim = claims.tryClaim(SyncClaim.runKey(conn), "host-a", runId, now, now.plus(ttl));
 * claim.ifPresent(c -> {
 *   claims.commitPage(c, conn, page);                       // refused with ClaimLostException once c is stale
 *   c = claims.renew(c, later, later.plus(ttl)).orElseThrow(); // the heartbeat
 *   claims.release(c);
 * });
 * }</pre>
 *
 * <p>It lives next to {@link SyncStore} and is implemented by the same store object (the in-memory, SQLite and
 * PostgreSQL stores implement both), because a fenced commit must check the claim in the same transaction that
 * writes the page. {@link JiraSync} claims a run whenever its store implements this interface. Times are the
 * caller's ({@code Clock} injected), as for the token store's refresh lease; instances must keep their clocks
 * within a small fraction of the lease time of each other. Thread-safe and safe across processes (and, for a
 * shared database, across machines). Published contract tests: {@code SyncClaimsContract} in the test jar.
 */
public interface SyncClaims {
  /**
   * Takes the claim of {@code key} for {@code holder} until {@code until} if nobody holds it live at
   * {@code now} (never claimed, released, or expired). Each grant carries a fencing token one higher than the
   * key's previous one. A live claim is never taken, not even by its own holder.
   *
   * @return the claim, or empty if another claim of the key is live
   */
  Optional<SyncClaim> tryClaim(String key, String holder, String runId, Instant now, Instant until);

  /**
   * Extends a claim to {@code until} (the heartbeat) if it is still the key's current grant (same fencing token),
   * even when it has expired but nobody took it over.
   *
   * @return the renewed claim, or empty if the claim was lost (taken over or released)
   */
  Optional<SyncClaim> renew(SyncClaim claim, Instant now, Instant until);

  /** Gives the claim up if it is still the key's current grant; returns whether it was. */
  boolean release(SyncClaim claim);

  /** The live claim of {@code key} at {@code now}, if any. */
  Optional<SyncClaim> current(String key, Instant now);

  /**
   * {@link SyncStore#commitPage} under a claim: the page is stored only if {@code claim} is still the current
   * grant of its key, checked in the transaction that writes the page; otherwise nothing is written.
   *
   * @throws ClaimLostException if the claim was taken over or released
   */
  PageResult commitPage(SyncClaim claim, String connectionId, SyncPage page);
}
