package dev.jirasdk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.ConnectionIds;
import dev.jirasdk.auth.ConnectionState;
import dev.jirasdk.auth.Grant;
import dev.jirasdk.auth.GrantState;
import dev.jirasdk.auth.Site;
import dev.jirasdk.auth.StoredTokens;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SqliteAccountStoreTest extends OpenStoreFixture {
  static Grant grant(String account, Instant at) {
    return new Grant(ConnectionIds.grantId("client", account), account, "User " + account, account + "@example.com",
        Set.of("read:jira-work", "offline_access"), GrantState.ACTIVE, at, at);
  }

  static Site site(String cloudId) {
    return new Site(cloudId, "site-" + cloudId, "https://" + cloudId + ".atlassian.net",
        List.of("read:jira-work", "write:jira-work"), "https://avatars.example/" + cloudId);
  }

  @Test
  void aFirstConsentCreatesTheGrantItsSitesAndOneConnectionPerSiteTheFirstOnePrimary() {
    Grant g = grant("acc-1", T0);
    List<SiteConnection> made = store.saveAuthorization(g, List.of(site("one"), site("two")), "Work");
    assertEquals(2, made.size());
    assertEquals(ConnectionIds.of(g.id(), "one"), made.get(0).id());
    assertTrue(made.get(0).primary());
    assertFalse(made.get(1).primary());
    assertEquals("Work", made.get(1).label());
    assertEquals(ConnectionState.ACTIVE, made.get(1).state());
    assertEquals(site("two"), made.get(1).site());
    assertEquals(g, store.grant(g.id()).orElseThrow());
    assertEquals(List.of(g), store.grants());
    assertEquals(List.of(site("one"), site("two")), store.sites(g.id()));
    assertEquals(made, store.connections());
    assertEquals(made.get(0), store.primaryConnection().orElseThrow());
  }

  @Test
  void aSecondConsentBySameAccountUpdatesTheSameGrantWithoutDuplicates() {
    Grant first = grant("acc-1", T0);
    store.saveAuthorization(first, List.of(site("one")), "Work");
    Grant again = new Grant(first.id(), "acc-1", "Renamed", null, Set.of("read:jira-work"), GrantState.ACTIVE,
        T0.plusSeconds(100), T0.plusSeconds(100));
    List<SiteConnection> made = store.saveAuthorization(again, List.of(site("one"), site("three")), "Other");
    assertEquals(1, store.grants().size());
    Grant stored = store.grant(first.id()).orElseThrow();
    assertEquals(T0, stored.createdAt()); // the first consent
    assertEquals("Renamed", stored.displayName());
    assertEquals(Set.of("read:jira-work"), stored.scopes());
    assertEquals(2, store.connections().size());
    assertEquals("Work", made.get(0).label()); // kept
    assertEquals("Other", made.get(1).label());
    assertEquals(T0, made.get(0).createdAt());
    assertEquals(List.of(site("one"), site("three")), store.sites(first.id()));
  }

  @Test
  void setPrimaryLeavesExactlyOnePrimary() {
    List<SiteConnection> a = store.saveAuthorization(grant("acc-1", T0), List.of(site("one")), "");
    List<SiteConnection> b = store.saveAuthorization(grant("acc-2", T0.plusSeconds(1)), List.of(site("two")), "");
    assertTrue(a.get(0).primary());
    assertFalse(b.get(0).primary());
    SiteConnection p = store.setPrimary(b.get(0).id());
    assertTrue(p.primary());
    assertEquals(b.get(0).id(), store.primaryConnection().orElseThrow().id());
    assertEquals(1, store.connections().stream().filter(SiteConnection::primary).count());
    assertEquals(b.get(0).id(), store.connections().get(0).id()); // primary first
  }

  @Test
  void deactivatingThePrimaryPromotesTheOldestActiveConnection() {
    SiteConnection a = store.saveAuthorization(grant("acc-1", T0), List.of(site("one")), "").get(0);
    SiteConnection b = store.saveAuthorization(grant("acc-2", T0), List.of(site("two")), "").get(0);
    SiteConnection c = store.saveAuthorization(grant("acc-3", T0), List.of(site("three")), "").get(0);
    store.deactivate(b.id());
    SiteConnection deactivated = store.deactivate(a.id());
    assertEquals(ConnectionState.DEACTIVATED, deactivated.state());
    assertFalse(deactivated.primary());
    assertEquals(c.id(), store.primaryConnection().orElseThrow().id());
    assertThrows(IllegalArgumentException.class, () -> store.setPrimary(a.id()));
    assertEquals(3, store.connections().size()); // data kept
  }

  @Test
  void aNewConsentReactivatesADeactivatedConnection() {
    Grant g = grant("acc-1", T0);
    SiteConnection a = store.saveAuthorization(g, List.of(site("one")), "").get(0);
    store.deactivate(a.id());
    assertTrue(store.primaryConnection().isEmpty());
    SiteConnection again = store.saveAuthorization(g, List.of(site("one")), "").get(0);
    assertEquals(ConnectionState.ACTIVE, again.state());
    assertTrue(again.primary());
  }

  @Test
  void connectionsFollowTheirGrantsState() {
    Grant g = grant("acc-1", T0);
    SiteConnection a = store.saveAuthorization(g, List.of(site("one")), "").get(0);
    assertTrue(store.setGrantState(g.id(), GrantState.REAUTH_REQUIRED, T0.plusSeconds(5)));
    assertEquals(ConnectionState.REAUTH_REQUIRED, store.connection(a.id()).orElseThrow().state());
    assertEquals(T0.plusSeconds(5), store.grant(g.id()).orElseThrow().updatedAt());
    assertFalse(store.setGrantState("g_unknown", GrantState.ACTIVE, T0));
  }

  @Test
  void unknownConnectionsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> store.setPrimary("c_unknown"));
    assertThrows(IllegalArgumentException.class, () -> store.deactivate("c_unknown"));
    assertTrue(store.connection("c_unknown").isEmpty());
    assertEquals(List.of(), store.sites("g_unknown"));
  }

  @Test
  void tokensWrittenBeforeTheAccountAreNotAGrantUntilTheConsentIsSaved() {
    Grant g = grant("acc-1", T0);
    StoredTokens t = new StoredTokens(g.id(), 1, "a", "r", T0.plusSeconds(3600), T0, "");
    assertTrue(store.compareAndSet(0, t));
    assertTrue(store.grants().isEmpty());
    assertTrue(store.grant(g.id()).isEmpty());
    store.saveAuthorization(g, List.of(site("one")), "");
    assertEquals(g, store.grant(g.id()).orElseThrow());
    assertEquals(t, store.load(g.id()).orElseThrow());
    store.delete(g.id()); // forgets tokens, keeps the account
    assertTrue(store.load(g.id()).isEmpty());
    assertEquals(g, store.grant(g.id()).orElseThrow());
  }

  @Test
  void accountsSurviveReopening() {
    Grant g = grant("acc-1", T0);
    List<SiteConnection> made = store.saveAuthorization(g, List.of(site("one"), site("two")), "Work");
    store.close();
    store = SqliteStore.open(dir.resolve("store.db"));
    assertEquals(made, store.connections());
    assertEquals(List.of(g), store.grants());
  }
}
