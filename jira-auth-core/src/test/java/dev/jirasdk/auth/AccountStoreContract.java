package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AccountStore} must have; extend it with a fresh, empty store. Published in
 * jira-auth-core's test jar.
 */
public abstract class AccountStoreContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private AccountStore store;

  protected abstract AccountStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  protected static Grant grant(String account, Instant at) {
    return new Grant(ConnectionIds.grantId("client", account), account, "Name " + account, account + "@example.com",
        Set.of("read:jira-work", "offline_access"), GrantState.ACTIVE, at, at);
  }

  protected static Site site(String cloudId) {
    return new Site(cloudId, "site-" + cloudId, "https://" + cloudId + ".atlassian.net", List.of("read:jira-work"),
        null);
  }

  @Test
  void aConsentStoresTheGrantItsSitesAndOneConnectionPerSite() {
    Grant g = grant("acc-1", T0);
    List<SiteConnection> cs = store.saveAuthorization(g, List.of(site("a"), site("b")), "Work");
    assertEquals(2, cs.size());
    assertEquals(ConnectionIds.of(g.id(), "a"), cs.get(0).id());
    assertEquals("b", cs.get(1).cloudId());
    assertEquals("Work", cs.get(0).label());
    assertTrue(cs.get(0).primary(), "the first connection becomes primary");
    assertFalse(cs.get(1).primary());
    assertEquals(g, store.grant(g.id()).orElseThrow());
    assertEquals(List.of(site("a"), site("b")), store.sites(g.id()));
    assertEquals(cs.get(0), store.connection(cs.get(0).id()).orElseThrow());
    assertEquals(cs.get(0), store.primaryConnection().orElseThrow());
  }

  @Test
  void aSecondConsentUpdatesTheGrantAndCreatesNoDuplicates() {
    Grant g = grant("acc-1", T0);
    store.saveAuthorization(g, List.of(site("a")), "Work");
    Grant again = new Grant(g.id(), g.accountId(), "Renamed", null, g.scopes(), GrantState.ACTIVE,
        T0.plusSeconds(99), T0.plusSeconds(99));
    List<SiteConnection> cs = store.saveAuthorization(again, List.of(site("a"), site("c")), "Other");
    assertEquals(1, store.grants().size());
    assertEquals(3 - 1, store.connections().size());
    assertEquals("Renamed", store.grant(g.id()).orElseThrow().displayName());
    assertEquals(T0, store.grant(g.id()).orElseThrow().createdAt(), "creation time is kept");
    assertEquals("Work", cs.get(0).label(), "an existing connection keeps its label");
    assertEquals(List.of(site("a"), site("c")), store.sites(g.id()));
  }

  @Test
  void exactlyOneConnectionIsPrimary() {
    store.saveAuthorization(grant("acc-1", T0), List.of(site("a")), "");
    List<SiteConnection> second = store.saveAuthorization(grant("acc-2", T0), List.of(site("b")), "");
    SiteConnection promoted = store.setPrimary(second.get(0).id());
    assertTrue(promoted.primary());
    assertEquals(1, store.connections().stream().filter(SiteConnection::primary).count());
    assertEquals(promoted.id(), store.connections().get(0).id(), "primary first");
  }

  @Test
  void deactivatingKeepsTheConnectionAndMovesPrimary() {
    List<SiteConnection> first = store.saveAuthorization(grant("acc-1", T0), List.of(site("a")), "");
    List<SiteConnection> second = store.saveAuthorization(grant("acc-2", T0.plusSeconds(1)), List.of(site("b")), "");
    SiteConnection off = store.deactivate(first.get(0).id());
    assertEquals(ConnectionState.DEACTIVATED, off.state());
    assertFalse(off.primary());
    assertEquals(second.get(0).id(), store.primaryConnection().orElseThrow().id());
    assertEquals(2, store.connections().size());
    assertThrows(IllegalArgumentException.class, () -> store.setPrimary(first.get(0).id()));
    // A new consent by the same account reactivates it.
    store.saveAuthorization(grant("acc-1", T0.plusSeconds(5)), List.of(site("a")), "");
    assertEquals(ConnectionState.ACTIVE, store.connection(first.get(0).id()).orElseThrow().state());
  }

  @Test
  void grantStateFlowsToItsConnections() {
    Grant g = grant("acc-1", T0);
    List<SiteConnection> cs = store.saveAuthorization(g, List.of(site("a")), "");
    assertTrue(store.setGrantState(g.id(), GrantState.REAUTH_REQUIRED, T0.plusSeconds(10)));
    assertEquals(GrantState.REAUTH_REQUIRED, store.grant(g.id()).orElseThrow().state());
    assertEquals(ConnectionState.REAUTH_REQUIRED, store.connection(cs.get(0).id()).orElseThrow().state());
    assertFalse(store.setGrantState("g_unknown", GrantState.ACTIVE, T0));
    store.saveAuthorization(g.withState(GrantState.ACTIVE, T0.plusSeconds(20)), List.of(site("a")), "");
    assertEquals(ConnectionState.ACTIVE, store.connection(cs.get(0).id()).orElseThrow().state());
  }

  @Test
  void unknownIdsAreEmptyOrRefused() {
    assertTrue(store.grant("g_x").isEmpty());
    assertTrue(store.connection("c_x").isEmpty());
    assertTrue(store.sites("g_x").isEmpty());
    assertTrue(store.primaryConnection().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> store.setPrimary("c_x"));
    assertThrows(IllegalArgumentException.class, () -> store.deactivate("c_x"));
  }
}
