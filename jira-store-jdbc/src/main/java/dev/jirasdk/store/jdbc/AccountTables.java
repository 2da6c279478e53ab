package dev.jirasdk.store.jdbc;

import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.ConnectionIds;
import dev.jirasdk.auth.ConnectionState;
import dev.jirasdk.auth.Grant;
import dev.jirasdk.auth.GrantState;
import dev.jirasdk.auth.Site;
import dev.jirasdk.auth.SiteConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link AccountStore} of the SQL stores, on their {@code grants}, {@code sites} and {@code connections}
 * tables; the same SQL runs on SQLite and PostgreSQL. Writes that change connections first call
 * {@link Dialect#serializeAccountWrites}, because they read the creation order and the primary connection
 * before they write them (the database also refuses a second primary with a unique index).
 */
public final class AccountTables implements AccountStore {
  private static final String CONNECTION_COLUMNS = "c.id, c.grant_id, c.cloud_id, c.site_name, c.site_url,"
      + " c.site_scopes, c.site_avatar_url, c.label, c.is_primary, c.deactivated, c.created_at, g.state";

  private final Transactions tx;
  private final Dialect dialect;

  public AccountTables(Transactions tx, Dialect dialect) {
    this.tx = Objects.requireNonNull(tx, "tx == null");
    this.dialect = Objects.requireNonNull(dialect, "dialect == null");
  }

  @Override
  public List<SiteConnection> saveAuthorization(Grant grant, List<Site> sites, String label) {
    Objects.requireNonNull(grant, "grant == null");
    Objects.requireNonNull(sites, "sites == null");
    String newLabel = label == null ? "" : label;
    return tx.write("save the authorization of grant " + grant.id(), false, c -> {
      dialect.serializeAccountWrites(c);
      saveGrant(c, grant);
      saveSites(c, grant.id(), sites);
      long seq = queryLong(c, "SELECT coalesce(max(seq), 0) FROM connections");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO connections (id, grant_id, cloud_id, site_name,"
          + " site_url, site_scopes, site_avatar_url, label, is_primary, deactivated, seq, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)"
          + " ON CONFLICT (id) DO UPDATE SET site_name = excluded.site_name, site_url = excluded.site_url,"
          + " site_scopes = excluded.site_scopes, site_avatar_url = excluded.site_avatar_url, deactivated = 0,"
          + " label = CASE WHEN connections.label = '' THEN excluded.label ELSE connections.label END")) {
        for (Site site : sites) {
          ps.setString(1, ConnectionIds.of(grant.id(), site.cloudId()));
          ps.setString(2, grant.id());
          ps.setString(3, site.cloudId());
          ps.setString(4, site.name());
          ps.setString(5, site.url());
          ps.setString(6, String.join(" ", site.scopes()));
          ps.setString(7, site.avatarUrl());
          ps.setString(8, newLabel);
          ps.setLong(9, ++seq);
          ps.setString(10, StoredTimes.format(grant.updatedAt()));
          ps.executeUpdate();
        }
      }
      if (queryLong(c, "SELECT count(*) FROM connections WHERE is_primary = 1") == 0) promoteOldestActive(c);
      List<SiteConnection> result = new ArrayList<>();
      for (Site site : sites) {
        result.add(connection(c, ConnectionIds.of(grant.id(), site.cloudId())).orElseThrow());
      }
      return result;
    });
  }

  private static void saveGrant(Connection c, Grant grant) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO grants (id, account_id, display_name, email,"
        + " scopes, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        + " ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id,"
        + " display_name = excluded.display_name, email = excluded.email, scopes = excluded.scopes,"
        + " state = excluded.state, updated_at = excluded.updated_at,"
        + " created_at = CASE WHEN grants.account_id IS NULL THEN excluded.created_at ELSE grants.created_at END")) {
      ps.setString(1, grant.id());
      ps.setString(2, grant.accountId());
      ps.setString(3, grant.displayName());
      ps.setString(4, grant.email());
      ps.setString(5, String.join(" ", new TreeSet<>(grant.scopes())));
      ps.setString(6, grant.state().name());
      ps.setString(7, StoredTimes.format(grant.createdAt()));
      ps.setString(8, StoredTimes.format(grant.updatedAt()));
      ps.executeUpdate();
    }
  }

  private static void saveSites(Connection c, String grantId, List<Site> sites) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM sites WHERE grant_id = ?")) {
      ps.setString(1, grantId);
      ps.executeUpdate();
    }
    Set<String> seen = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO sites (grant_id, cloud_id, position, name, url,"
        + " scopes, avatar_url) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (Site site : sites) {
        if (!seen.add(site.cloudId())) continue;
        ps.setString(1, grantId);
        ps.setString(2, site.cloudId());
        ps.setInt(3, position++);
        ps.setString(4, site.name());
        ps.setString(5, site.url());
        ps.setString(6, String.join(" ", site.scopes()));
        ps.setString(7, site.avatarUrl());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public Optional<Grant> grant(String grantId) {
    Objects.requireNonNull(grantId, "grantId == null");
    return tx.read("read grant " + grantId, c -> first(grants(c, " AND id = ?", grantId)));
  }

  @Override
  public List<Grant> grants() {
    return tx.read("list grants", c -> grants(c, "", null));
  }

  private static List<Grant> grants(Connection c, String filter, String arg) throws SQLException {
    List<Grant> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, account_id, display_name, email, scopes, state,"
        + " created_at, updated_at FROM grants WHERE account_id IS NOT NULL" + filter + " ORDER BY created_at, id")) {
      if (arg != null) ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Grant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              words(rs.getString(5)), GrantState.valueOf(rs.getString(6)), StoredTimes.parse(rs.getString(7)),
              StoredTimes.parse(rs.getString(8))));
        }
      }
    }
    return out;
  }

  @Override
  public boolean setGrantState(String grantId, GrantState state, Instant at) {
    Objects.requireNonNull(grantId, "grantId == null");
    Objects.requireNonNull(state, "state == null");
    Objects.requireNonNull(at, "at == null");
    return tx.write("set the state of grant " + grantId, false, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE grants SET state = ?, updated_at = ?"
          + " WHERE id = ? AND account_id IS NOT NULL")) {
        ps.setString(1, state.name());
        ps.setString(2, StoredTimes.format(at));
        ps.setString(3, grantId);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<Site> sites(String grantId) {
    Objects.requireNonNull(grantId, "grantId == null");
    return tx.read("list the sites of grant " + grantId, c -> {
      List<Site> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT cloud_id, name, url, scopes, avatar_url FROM sites"
          + " WHERE grant_id = ? ORDER BY position")) {
        ps.setString(1, grantId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Site(rs.getString(1), rs.getString(2), rs.getString(3), wordList(rs.getString(4)),
                rs.getString(5)));
          }
        }
      }
      return out;
    });
  }

  @Override
  public Optional<SiteConnection> connection(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    return tx.read("read connection " + connectionId, c -> connection(c, connectionId));
  }

  @Override
  public List<SiteConnection> connections() {
    return tx.read("list connections", c -> connections(c, "", null));
  }

  @Override
  public Optional<SiteConnection> primaryConnection() {
    return tx.read("read the primary connection", c -> first(connections(c, " WHERE c.is_primary = 1", null)));
  }

  @Override
  public SiteConnection setPrimary(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    return tx.write("make connection " + connectionId + " primary", false, c -> {
      dialect.serializeAccountWrites(c);
      SiteConnection target = existing(c, connectionId);
      if (target.state() == ConnectionState.DEACTIVATED) {
        throw new IllegalArgumentException("connection is deactivated: " + connectionId);
      }
      execute(c, "UPDATE connections SET is_primary = 0 WHERE is_primary = 1");
      try (PreparedStatement ps = c.prepareStatement("UPDATE connections SET is_primary = 1 WHERE id = ?")) {
        ps.setString(1, connectionId);
        ps.executeUpdate();
      }
      return connection(c, connectionId).orElseThrow();
    });
  }

  @Override
  public SiteConnection deactivate(String connectionId) {
    Objects.requireNonNull(connectionId, "connectionId == null");
    return tx.write("deactivate connection " + connectionId, false, c -> {
      dialect.serializeAccountWrites(c);
      SiteConnection target = existing(c, connectionId);
      try (PreparedStatement ps = c.prepareStatement("UPDATE connections SET deactivated = 1, is_primary = 0"
          + " WHERE id = ?")) {
        ps.setString(1, connectionId);
        ps.executeUpdate();
      }
      if (target.primary()) promoteOldestActive(c);
      return connection(c, connectionId).orElseThrow();
    });
  }

  private static SiteConnection existing(Connection c, String connectionId) throws SQLException {
    return connection(c, connectionId)
        .orElseThrow(() -> new IllegalArgumentException("unknown connection: " + connectionId));
  }

  private static void promoteOldestActive(Connection c) throws SQLException {
    execute(c, "UPDATE connections SET is_primary = 1 WHERE id ="
        + " (SELECT id FROM connections WHERE deactivated = 0 ORDER BY seq LIMIT 1)");
  }

  private static Optional<SiteConnection> connection(Connection c, String id) throws SQLException {
    return first(connections(c, " WHERE c.id = ?", id));
  }

  private static List<SiteConnection> connections(Connection c, String filter, String arg) throws SQLException {
    List<SiteConnection> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT " + CONNECTION_COLUMNS + " FROM connections c"
        + " JOIN grants g ON g.id = c.grant_id" + filter + " ORDER BY c.is_primary DESC, c.seq")) {
      if (arg != null) ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Site site = new Site(rs.getString(3), rs.getString(4), rs.getString(5), wordList(rs.getString(6)),
              rs.getString(7));
          ConnectionState state = rs.getInt(10) == 1 ? ConnectionState.DEACTIVATED
              : GrantState.REAUTH_REQUIRED.name().equals(rs.getString(12)) ? ConnectionState.REAUTH_REQUIRED
              : ConnectionState.ACTIVE;
          out.add(new SiteConnection(rs.getString(1), rs.getString(2), site, rs.getString(8), rs.getInt(9) == 1,
              state, StoredTimes.parse(rs.getString(11))));
        }
      }
    }
    return out;
  }

  private static <T> Optional<T> first(List<T> found) {
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  private static Set<String> words(String s) {
    return s == null || s.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(s.trim().split(" +")));
  }

  private static List<String> wordList(String s) {
    return s == null || s.isBlank() ? List.of() : List.of(s.trim().split(" +"));
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
