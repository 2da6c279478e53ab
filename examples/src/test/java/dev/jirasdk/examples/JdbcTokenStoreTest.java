package dev.jirasdk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.auth.TokenStore;
import dev.jirasdk.auth.TokenStoreContract;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's own contract tests, run against the example store: extending {@link TokenStoreContract} (from
 * jira-auth-core's test jar) is all a custom store needs.
 */
class JdbcTokenStoreTest extends TokenStoreContract {
  @TempDir Path dir;

  @Override
  protected TokenStore newStore() {
    return new JdbcTokenStore(CustomTokenStoreExample.sqlite(dir.resolve("host.db"))).createTable();
  }

  @Test
  void twoStoreInstancesOnOneFileShareTheLeaseLikeTwoProcesses() {
    TokenStore a = newStore();
    TokenStore b = newStore();
    Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
    assertTrue(a.tryAcquireRefreshLease("g_1", "process-a", t0, t0.plusSeconds(30)));
    assertEquals(false, b.tryAcquireRefreshLease("g_1", "process-b", t0.plusSeconds(1), t0.plusSeconds(31)));
    a.releaseRefreshLease("g_1", "process-a");
    assertTrue(b.tryAcquireRefreshLease("g_1", "process-b", t0.plusSeconds(2), t0.plusSeconds(32)));
    assertTrue(b.load("g_1").isEmpty(), "a lease alone stores no tokens");
  }
}
