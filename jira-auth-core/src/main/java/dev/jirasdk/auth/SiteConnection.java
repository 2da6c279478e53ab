package dev.jirasdk.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * What a host application shows as an "account" or "integration": one grant on one site, with a label.
 * At most one connection is primary at a time.
 *
 * @param id stable connection id (derived from grant id and cloud id)
 * @param grantId the grant whose tokens this connection uses
 * @param site the site
 * @param label the host's label, possibly empty
 * @param primary whether this is the host's default connection
 * @param state usable, needs re-authorization, or deactivated
 * @param createdAt when it was first connected
 */
public record SiteConnection(String id, String grantId, Site site, String label, boolean primary,
    ConnectionState state, Instant createdAt) {
  public SiteConnection {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(grantId, "grantId == null");
    Objects.requireNonNull(site, "site == null");
    label = label == null ? "" : label;
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
  }

  public String cloudId() {
    return site.cloudId();
  }
}
