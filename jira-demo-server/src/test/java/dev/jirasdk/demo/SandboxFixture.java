package dev.jirasdk.demo;

import dev.jirasdk.testkit.FakeJiraCloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The real server (SQLite store, or PostgreSQL with {@code JIRA_DB_URL} in {@code extra}; JiraSync, scheduler) in
 * sandbox mode with the small dataset.
 */
final class SandboxFixture implements AutoCloseable {
  final DemoServer server;
  final FakeJiraCloud fake;
  final SdkSyncPort sync;
  final String base;

  SandboxFixture(Path dir) {
    this(dir, Map.of());
  }

  SandboxFixture(Path dir, Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>(Map.of("PORT", "0", "SANDBOX_DATASET", "small",
        "DATABASE_PATH", dir.resolve("demo.db").toString(), "TOKEN_REFRESH_INTERVAL", "off", "SYNC_INTERVAL", "off",
        "HEALTH_CHECK_INTERVAL", "off"));
    env.putAll(extra);
    if (extra.containsKey(Config.DB_URL)) env.remove(Config.DATABASE_PATH);
    DemoServer.Parts[] parts = new DemoServer.Parts[1];
    server = DemoServer.start(Config.from(env), (c, port, clock) -> {
      parts[0] = new SdkAssembly().build(c, port, clock);
      return parts[0];
    }, Clock.systemUTC());
    fake = parts[0].closeables().stream().filter(x -> x instanceof Sandbox).map(x -> ((Sandbox) x).fake())
        .findFirst().orElseThrow();
    sync = (SdkSyncPort) parts[0].sync();
    base = "http://localhost:" + server.port();
  }

  void awaitIdle(String connectionId) throws InterruptedException {
    if (!sync.awaitIdle(connectionId, Duration.ofSeconds(60))) throw new AssertionError("sync did not finish");
  }

  /** What a user does on the fake's consent page: pick the first account and press Accept. */
  static String accept(String authorizeUrl) {
    OkHttpClient client = new OkHttpClient.Builder().followRedirects(false).build();
    try (Response page = client.newCall(new Request.Builder().url(authorizeUrl).build()).execute()) {
      String html = page.body().string();
      FormBody.Builder form = new FormBody.Builder();
      Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(html);
      while (hidden.find()) form.add(unescape(hidden.group(1)), unescape(hidden.group(2)));
      Matcher option = Pattern.compile("<option value=\"([^\"]+)\"").matcher(html);
      if (!option.find()) throw new AssertionError("no account on the consent page: " + html);
      form.add("account_id", unescape(option.group(1))).add("decision", "accept");
      String action = authorizeUrl.substring(0, authorizeUrl.indexOf("/authorize")) + "/authorize";
      try (Response decision = client.newCall(new Request.Builder().url(action).post(form.build()).build()).execute()) {
        String location = decision.header("Location");
        if (location == null) throw new AssertionError("consent did not redirect: " + decision.code());
        return location;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unescape(String s) {
    return s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  @Override
  public void close() {
    server.close();
  }
}
