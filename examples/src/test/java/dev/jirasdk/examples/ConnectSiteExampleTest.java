package dev.jirasdk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectSiteExampleTest {
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private HttpServer server;
  private FakeJiraCloud fake;
  private AtlassianOAuth oauth;
  private ConnectSiteExample example;
  private String base;
  private String account;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    fake = FakeJiraCloud.builder().dataset(Dataset.small())
        .client("examples-app", "examples-secret", base + "/auth/callback").build().start();
    oauth = ExampleEnvironment.sandbox(fake).oauth().build();
    example = new ConnectSiteExample(oauth, new PrintStream(output, true, StandardCharsets.UTF_8));
    example.install(server);
    server.start();
    account = fake.users().get(0).accountId();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    fake.close();
  }

  private HttpResponse<String> get(String url, String cookie) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (cookie != null) r.header("Cookie", cookie);
    return browser.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String sessionCookie(HttpResponse<?> response) {
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.contains("HttpOnly"), setCookie);
    assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  @Test
  void aBrowserConnectsEverySiteOfTheAccountEndToEnd() throws Exception {
    HttpResponse<String> start = get(base + "/connect", null);
    assertEquals(302, start.statusCode());
    String authorizeUrl = start.headers().firstValue("Location").orElseThrow();
    assertTrue(authorizeUrl.startsWith(fake.authBaseUrl() + "/authorize?"), authorizeUrl);
    String cookie = sessionCookie(start);

    String callback = fake.approve(authorizeUrl, account); // the user presses Accept
    assertTrue(callback.startsWith(base + "/auth/callback?"), callback);
    HttpResponse<String> done = get(callback, cookie);

    assertEquals(200, done.statusCode(), done.body());
    assertEquals("no-referrer", done.headers().firstValue("Referrer-Policy").orElseThrow());
    assertTrue(done.body().startsWith("Connected 2 site(s): acme (https://acme.atlassian.net)"), done.body());
    assertTrue(example.awaitConnection(Duration.ZERO));
    assertEquals(2, oauth.accounts().connections().size());
    assertTrue(output.toString(StandardCharsets.UTF_8).contains("connected acme https://acme.atlassian.net as "));
    // The home page lists what is connected.
    assertTrue(get(base + "/", cookie).body().contains("globex (https://globex.atlassian.net) ACTIVE"));
    // The tokens work.
    assertEquals(account, oauth.jiraClient(oauth.accounts().connections().get(0)).myself().get("accountId"));
  }

  @Test
  void aCallbackOpenedInAnotherBrowserIsRefusedBeforeTheCodeIsExchanged() throws Exception {
    HttpResponse<String> start = get(base + "/connect", null);
    String callback = fake.approve(start.headers().firstValue("Location").orElseThrow(), account);

    HttpResponse<String> stolen = get(callback, ConnectSiteExample.SESSION_COOKIE + "=someone-else");

    assertEquals(400, stolen.statusCode());
    assertTrue(stolen.body().contains("Start again at /connect"), stolen.body());
    assertEquals(0, fake.tokenRequests(account), "the code was never sent to the token endpoint");
    assertTrue(oauth.accounts().connections().isEmpty());
    assertFalse(example.awaitConnection(Duration.ZERO));
    assertTrue(output.toString(StandardCharsets.UTF_8).contains("refused a callback: WRONG_BINDING"));
  }

  @Test
  void aReplayedCallbackIsRefused() throws Exception {
    HttpResponse<String> start = get(base + "/connect", null);
    String cookie = sessionCookie(start);
    String callback = fake.approve(start.headers().firstValue("Location").orElseThrow(), account);
    assertEquals(200, get(callback, cookie).statusCode());

    HttpResponse<String> replay = get(callback, cookie);

    assertEquals(400, replay.statusCode());
    assertEquals(1, fake.tokenRequests(account), "only the first callback exchanged the code");
    assertTrue(output.toString(StandardCharsets.UTF_8).contains("refused a callback: REPLAYED"));
  }

  @Test
  void pressingDenyConnectsNothing() throws Exception {
    HttpResponse<String> start = get(base + "/connect", null);
    String cookie = sessionCookie(start);
    String callback = fake.deny(start.headers().firstValue("Location").orElseThrow());

    HttpResponse<String> denied = get(callback, cookie);

    assertEquals(400, denied.statusCode());
    assertEquals("Jira was not connected: access_denied", denied.body());
    assertTrue(oauth.accounts().connections().isEmpty());
  }
}
