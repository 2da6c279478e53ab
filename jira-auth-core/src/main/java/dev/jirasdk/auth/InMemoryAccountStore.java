package dev.jirasdk.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Grants, sites and connections in memory. Thread-safe: every method holds one lock, which is fine for the
 * handful of accounts a host has.
 */
public final class InMemoryAccountStore implements AccountStore {
  private final Map<String, Grant> grants = new LinkedHashMap<>();
  private final Map<String, List<Site>> sites = new HashMap<>();
  /** SiteConnection without derived state: the deactivated flag is kept apart from the grant's state. */
  private record Row(String id, String grantId, Site site, String label, boolean primary, boolean deactivated,
      Instant createdAt, long order) {}

  private final Map<String, Row> connections = new LinkedHashMap<>();
  private long order;

  @Override
  public synchronized List<SiteConnection> saveAuthorization(Grant grant, List<Site> newSites, String label) {
    Objects.requireNonNull(grant, "grant == null");
    Objects.requireNonNull(newSites, "sites == null");
    Grant existing = grants.get(grant.id());
    grants.put(grant.id(), existing == null ? grant
        : new Grant(grant.id(), grant.accountId(), grant.displayName(), grant.email(), grant.scopes(),
            grant.state(), existing.createdAt(), grant.updatedAt()));
    sites.put(grant.id(), List.copyOf(newSites));
    List<SiteConnection> result = new ArrayList<>();
    for (Site site : newSites) {
      String id = ConnectionIds.of(grant.id(), site.cloudId());
      Row row = connections.get(id);
      if (row == null) {
        row = new Row(id, grant.id(), site, label, false, false, grant.updatedAt(), order++);
      } else {
        row = new Row(id, grant.id(), site, row.label.isEmpty() ? label : row.label, row.primary, false,
            row.createdAt, row.order);
      }
      connections.put(id, row);
    }
    if (connections.values().stream().noneMatch(Row::primary)) {
      promoteOldestActive();
    }
    for (Site site : newSites) result.add(toConnection(connections.get(ConnectionIds.of(grant.id(), site.cloudId()))));
    return result;
  }

  @Override
  public synchronized Optional<Grant> grant(String grantId) {
    return Optional.ofNullable(grants.get(grantId));
  }

  @Override
  public synchronized List<Grant> grants() {
    return List.copyOf(grants.values());
  }

  @Override
  public synchronized boolean setGrantState(String grantId, GrantState state, Instant at) {
    Grant g = grants.get(grantId);
    if (g == null) return false;
    grants.put(grantId, g.withState(state, at));
    return true;
  }

  @Override
  public synchronized List<Site> sites(String grantId) {
    return sites.getOrDefault(grantId, List.of());
  }

  @Override
  public synchronized Optional<SiteConnection> connection(String connectionId) {
    Row row = connections.get(connectionId);
    return row == null ? Optional.empty() : Optional.of(toConnection(row));
  }

  @Override
  public synchronized List<SiteConnection> connections() {
    return connections.values().stream()
        .sorted(Comparator.comparing((Row r) -> !r.primary).thenComparingLong(Row::order))
        .map(this::toConnection)
        .toList();
  }

  @Override
  public synchronized Optional<SiteConnection> primaryConnection() {
    return connections.values().stream().filter(Row::primary).findFirst().map(this::toConnection);
  }

  @Override
  public synchronized SiteConnection setPrimary(String connectionId) {
    Row target = connections.get(connectionId);
    if (target == null) throw new IllegalArgumentException("unknown connection: " + connectionId);
    if (target.deactivated) throw new IllegalArgumentException("connection is deactivated: " + connectionId);
    connections.replaceAll((id, r) -> withPrimary(r, id.equals(connectionId)));
    return toConnection(connections.get(connectionId));
  }

  @Override
  public synchronized SiteConnection deactivate(String connectionId) {
    Row r = connections.get(connectionId);
    if (r == null) throw new IllegalArgumentException("unknown connection: " + connectionId);
    connections.put(connectionId,
        new Row(r.id, r.grantId, r.site, r.label, false, true, r.createdAt, r.order));
    if (r.primary) promoteOldestActive();
    return toConnection(connections.get(connectionId));
  }

  private void promoteOldestActive() {
    connections.values().stream()
        .filter(r -> !r.deactivated)
        .min(Comparator.comparingLong(Row::order))
        .ifPresent(r -> connections.put(r.id, withPrimary(r, true)));
  }

  private static Row withPrimary(Row r, boolean primary) {
    return new Row(r.id, r.grantId, r.site, r.label, primary, r.deactivated, r.createdAt, r.order);
  }

  private SiteConnection toConnection(Row r) {
    ConnectionState state;
    if (r.deactivated) {
      state = ConnectionState.DEACTIVATED;
    } else {
      Grant g = grants.get(r.grantId);
      state = g != null && g.state() == GrantState.REAUTH_REQUIRED
          ? ConnectionState.REAUTH_REQUIRED : ConnectionState.ACTIVE;
    }
    return new SiteConnection(r.id, r.grantId, r.site, r.label, r.primary, state, r.createdAt);
  }
}
