package dev.jirasdk.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Grants, the sites each can reach, and the connections a host shows as accounts. Implementations must be
 * thread-safe; each method is atomic.
 */
public interface AccountStore {

  /**
   * Stores a consent in one step: upserts the grant (by id), replaces its sites, creates one connection per
   * site that has none (labelled {@code label}), reactivates this grant's deactivated connections to those
   * sites, and makes the first connection primary if no connection is. Returns the grant's connections to
   * {@code sites}, in the order of {@code sites}.
   */
  List<SiteConnection> saveAuthorization(Grant grant, List<Site> sites, String label);

  Optional<Grant> grant(String grantId);

  List<Grant> grants();

  /** Changes a grant's state; its connections (unless deactivated) follow. Unknown grant: no-op false. */
  boolean setGrantState(String grantId, GrantState state, Instant at);

  /** The grant's sites, empty if unknown. */
  List<Site> sites(String grantId);

  Optional<SiteConnection> connection(String connectionId);

  /** Every connection, deactivated ones included, primary first then by creation. */
  List<SiteConnection> connections();

  /** The primary connection, if any. */
  Optional<SiteConnection> primaryConnection();

  /**
   * Makes this connection the only primary one.
   *
   * @throws IllegalArgumentException if the connection is unknown or deactivated
   */
  SiteConnection setPrimary(String connectionId);

  /**
   * Stops using a connection; its data is kept. If it was primary, the oldest active connection becomes
   * primary.
   *
   * @throws IllegalArgumentException if the connection is unknown
   */
  SiteConnection deactivate(String connectionId);
}
