package dev.jirasdk.store.sqlite;

import dev.jirasdk.sync.QuotaLedger;
import dev.jirasdk.sync.QuotaScope;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Test child process: opens the store, says READY, waits for a line on stdin, then tries {@code attempts}
 * reservations of {@code points} in the app-wide budget at share 0.8 and prints how many were granted.
 * Arguments: database path, now, attempts, points.
 */
public final class QuotaSpenderMain {
  private QuotaSpenderMain() {}

  public static void main(String[] args) throws Exception {
    try (SqliteStore store = SqliteStore.open(Path.of(args[0]))) {
      QuotaLedger ledger = store.quotaLedger();
      QuotaScope scope = QuotaScope.of(QuotaScope.GLOBAL_APP_QUOTA, "any-site");
      Instant now = Instant.parse(args[1]);
      int attempts = Integer.parseInt(args[2]);
      long points = Long.parseLong(args[3]);
      System.out.println("READY");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      int granted = 0;
      for (int i = 0; i < attempts; i++) {
        if (ledger.reserve(scope, points, 0.8, now).granted()) granted++;
      }
      System.out.println("GRANTED " + granted);
      System.out.flush();
    }
  }
}
