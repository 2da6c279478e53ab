package dev.jirasdk.store.postgres;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.TokenCipher;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Test child process: the second "machine" of {@link CrossMachineRefreshTest}, with its own pool on the same
 * schema. On {@code ROUND n} its threads all call {@code forceRefresh} at once, then it prints {@code DONE n}
 * (or {@code ERROR n ...}). Arguments: JDBC URL, schema, cipher key (base64), grant id, then the fake's auth base
 * URL, API base URL, client id, client secret and redirect URI.
 */
public final class RefreshWorkerMain {
  private RefreshWorkerMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    TokenCipher cipher = TokenCipher.of("test", args[2]);
    String grantId = args[3];
    try (PostgresStore store = PostgresStore.builder().jdbcUrl(args[0]).schema(args[1]).cipher(cipher).build()) {
      AtlassianOAuth oauth = CrossMachineRefreshTest.oauth(store, cipher, Arrays.copyOfRange(args, 4, 9));
      oauth.tokens().accessToken(grantId); // caches the current version, as a running instance would have
      ExecutorService pool = Executors.newFixedThreadPool(CrossMachineRefreshTest.THREADS);
      out.println("READY");
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && line.startsWith("ROUND ")) {
        String round = line.substring("ROUND ".length());
        String error = CrossMachineRefreshTest.refreshTogether(pool, oauth, grantId);
        out.println(error == null ? "DONE " + round : "ERROR " + round + " " + error);
        out.flush();
      }
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
