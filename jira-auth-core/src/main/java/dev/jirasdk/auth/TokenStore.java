package dev.jirasdk.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * Persists each grant's token pair. Implement it to keep tokens in the host application's own database;
 * {@link InMemoryTokenStore} serves tests and single-process use, and {@code SqliteStore} (module
 * jira-store-sqlite) serves real use across processes. Any implementation can run the contract tests
 * published in this module's test jar ({@code dev.jirasdk.auth.TokenStoreContract}).
 *
 * <p>Atlassian rotates refresh tokens: each refresh disables the one it used. A store therefore must never
 * let a stale writer overwrite a newer pair ({@link #compareAndSet}), and must let at most one process at
 * a time refresh a grant ({@link #tryAcquireRefreshLease}).
 *
 * <p>Implementations must be thread-safe. Values arrive sealed: the store never sees clear-text tokens.
 */
public interface TokenStore {

  /** The grant's current pair, or empty if none is stored. */
  Optional<StoredTokens> load(String grantId);

  /**
   * Writes {@code next} only if the stored version is {@code expectedVersion} (0 means "nothing stored").
   * {@code next.version()} must be {@code expectedVersion + 1}.
   *
   * @return true if written; false if another writer got there first (nothing changed)
   */
  boolean compareAndSet(long expectedVersion, StoredTokens next);

  /**
   * Takes the grant's refresh lease for {@code holder} until {@code until}, if nobody holds it, the
   * current holder's lease ended at or before {@code now}, or {@code holder} already holds it (extended).
   *
   * @return true if {@code holder} now holds the lease
   */
  boolean tryAcquireRefreshLease(String grantId, String holder, Instant now, Instant until);

  /** Gives the lease back if {@code holder} holds it; does nothing otherwise. */
  void releaseRefreshLease(String grantId, String holder);

  /** Forgets the grant's tokens and lease. */
  void delete(String grantId);
}
