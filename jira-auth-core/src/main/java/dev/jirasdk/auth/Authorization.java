package dev.jirasdk.auth;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a completed consent: the grant (new or updated) and one connection per site it reaches.
 *
 * @param grant the grant
 * @param connections one per site, in the order {@code accessible-resources} listed them
 */
public record Authorization(Grant grant, List<SiteConnection> connections) {
  public Authorization {
    Objects.requireNonNull(grant, "grant == null");
    connections = List.copyOf(connections);
  }

  /**
   * The connection to the site named by cloud id or by site URL (normalised: case, scheme, trailing slash).
   *
   * @throws IllegalArgumentException if no site or more than one site matches
   */
  public SiteConnection connection(String cloudIdOrSiteUrl) {
    return Sites.select(connections, cloudIdOrSiteUrl);
  }
}
