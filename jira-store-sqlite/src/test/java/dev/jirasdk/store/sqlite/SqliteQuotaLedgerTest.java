package dev.jirasdk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jirasdk.sync.QuotaLedger;
import dev.jirasdk.sync.QuotaLedgerContract;
import dev.jirasdk.sync.QuotaReading;
import dev.jirasdk.sync.QuotaScope;
import dev.jirasdk.sync.QuotaState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jira-sync-core's QuotaLedger contract against a SQLite file, and two processes sharing one budget through it. */
class SqliteQuotaLedgerTest extends QuotaLedgerContract {
  @TempDir Path dir;
  final List<SqliteStore> opened = new ArrayList<>();

  @Override
  protected QuotaLedger newLedger() {
    SqliteStore s = SqliteStore.open(dir.resolve("quota-" + opened.size() + ".db"));
    opened.add(s);
    return s.quotaLedger();
  }

  @AfterEach
  void closeAll() {
    opened.forEach(SqliteStore::close);
  }

  @Test
  void aBudgetSurvivesReopeningTheFile() {
    Path file = dir.resolve("reopen.db");
    QuotaScope scope = QuotaScope.of("tenant-app-quota", "site-a");
    try (SqliteStore s = SqliteStore.open(file)) {
      s.quotaLedger().settle(scope, 0, new QuotaReading(1000, Duration.ofHours(1), 420,
          Instant.parse("2026-03-26T16:00:00Z")), T0);
    }
    try (SqliteStore s = SqliteStore.open(file)) {
      QuotaState st = s.quotaLedger().state(scope, T0).orElseThrow();
      assertEquals(420, st.remaining());
      assertEquals(QuotaScope.Kind.TENANT, st.scope().kind());
      assertEquals(1000, st.quota());
    }
  }

  @Test
  void twoProcessesSpendOneBudgetThroughTheFileWithoutOverbooking() throws Exception {
    Path file = dir.resolve("shared.db");
    QuotaScope app = QuotaScope.of(QuotaScope.GLOBAL_APP_QUOTA, "site-a");
    try (SqliteStore s = SqliteStore.open(file)) {
      // q=1000, r=1000: at share 0.8, 800 points may be spent this hour by everyone together.
      s.quotaLedger().settle(app, 0, new QuotaReading(1000, Duration.ofHours(1), 1000,
          Instant.parse("2026-03-26T16:00:00Z")), T0);
    }
    try (ChildJvm a = ChildJvm.start(QuotaSpenderMain.class, dir.resolve("a.err"), file.toString(), T0.toString(),
        "60", "10");
        ChildJvm b = ChildJvm.start(QuotaSpenderMain.class, dir.resolve("b.err"), file.toString(), T0.toString(),
            "60", "10")) {
      assertEquals("READY", a.readLine());
      assertEquals("READY", b.readLine());
      a.send("GO");
      b.send("GO");
      int ga = granted(a.readLine());
      int gb = granted(b.readLine());
      assertEquals(80, ga + gb, "800 points in reservations of 10, whoever took them: " + ga + " + " + gb);
      assertTrue(ga > 0 && gb > 0, "both processes spent from the budget: " + ga + " + " + gb);
      assertEquals(0, a.waitForExit());
      assertEquals(0, b.waitForExit());
    }
    try (SqliteStore s = SqliteStore.open(file)) {
      QuotaState st = s.quotaLedger().state(app, T0).orElseThrow();
      assertEquals(800, st.pending());
      assertEquals(200, st.remaining());
    }
  }

  private static int granted(String line) {
    assertTrue(line != null && line.startsWith("GRANTED "), "child said: " + line);
    return Integer.parseInt(line.substring("GRANTED ".length()));
  }
}
