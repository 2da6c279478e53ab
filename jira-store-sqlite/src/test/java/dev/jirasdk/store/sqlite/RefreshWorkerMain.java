package dev.jirasdk.store.sqlite;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.TokenCipher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Test child process: the second JVM of the cross-process refresh test. On {@code ROUND n} its threads all call
 * {@code forceRefresh} at once, then it prints {@code DONE n} (or {@code ERROR n ...}). Arguments: database
 * path, auth base URL, API base URL, client id, client secret, redirect URI, cipher key (base64), grant id,
 * threads.
 */
public final class RefreshWorkerMain {
  private RefreshWorkerMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    String grantId = args[7];
    int threads = Integer.parseInt(args[8]);
    try (SqliteStore store = SqliteStore.builder().path(Path.of(args[0])).cipher(TokenCipher.of("test", args[6]))
        .build()) {
      AtlassianOAuth oauth = CrossProcessRefreshTest.oauth(store, TokenCipher.of("test", args[6]), args[1], args[2],
          args[3], args[4], args[5]);
      oauth.tokens().accessToken(grantId); // caches the current version, as a running process would have
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      out.println("READY");
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && line.startsWith("ROUND ")) {
        String round = line.substring("ROUND ".length());
        String error = CrossProcessRefreshTest.refreshTogether(pool, threads, oauth, grantId);
        out.println(error == null ? "DONE " + round : "ERROR " + round + " " + error);
        out.flush();
      }
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
