package dev.jirasdk.sync.internal;

import dev.jirasdk.sync.ClaimLostException;
import dev.jirasdk.sync.PageResult;
import dev.jirasdk.sync.SyncClaim;
import dev.jirasdk.sync.SyncClaims;
import dev.jirasdk.sync.SyncPage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The claim a run holds on its connection: every page is committed under it (fenced), it is renewed by the
 * heartbeat and, between heartbeats, by any commit once a third of the lease has passed (so a busy run keeps its
 * lease by its own progress, whatever the heartbeat's timing), and released when the run ends. Once lost, it stays
 * lost: the run stops and never writes again.
 */
public final class RunClaim {
  private final SyncClaims claims;
  private final Clock clock;
  private final Duration ttl;
  private volatile SyncClaim current;
  private volatile boolean lost;

  public RunClaim(SyncClaims claims, SyncClaim claim, Clock clock, Duration ttl) {
    this.claims = claims;
    this.current = claim;
    this.clock = clock;
    this.ttl = ttl;
  }

  public SyncClaim claim() {
    return current;
  }

  public boolean lost() {
    return lost;
  }

  /** Commits a page under the claim, renewing it first if a third of the lease has passed. */
  PageResult commit(String connectionId, SyncPage page) {
    SyncClaim c = current;
    Instant now = clock.instant();
    if (!now.isBefore(c.expiresAt().minus(ttl.multipliedBy(2).dividedBy(3)))) {
      if (!heartbeat()) throw ClaimLostException.of(c, "another instance took it over; the page was not stored");
      c = current;
    }
    try {
      return claims.commitPage(c, connectionId, page);
    } catch (ClaimLostException e) {
      lost = true;
      throw e;
    }
  }

  /**
   * Renews the lease if a third of it has passed (what a commit under another claim of the same run does, so a busy
   * run keeps its own claim by its progress too); returns whether the claim is still held.
   */
  boolean renewIfDue() {
    SyncClaim c = current;
    if (lost) return false;
    if (clock.instant().isBefore(c.expiresAt().minus(ttl.multipliedBy(2).dividedBy(3)))) return true;
    return heartbeat();
  }

  /** Renews the lease; returns whether the claim is still held. */
  public synchronized boolean heartbeat() {
    if (lost) return false;
    Instant now = clock.instant();
    Optional<SyncClaim> renewed = claims.renew(current, now, now.plus(ttl));
    if (renewed.isEmpty()) {
      lost = true;
      return false;
    }
    current = renewed.get();
    return true;
  }

  /** Gives the claim up (nothing happens if it was lost). */
  public synchronized void release() {
    if (!lost) claims.release(current);
    lost = true;
  }
}
