package dev.jirasdk.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.Authorization;
import dev.jirasdk.auth.AuthorizationRequest;
import dev.jirasdk.auth.AuthorizationStateException;
import dev.jirasdk.auth.SiteConnection;
import dev.jirasdk.auth.JiraException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Example 1: connect a Jira site from a plain Java web handler.
 *
 * <p>Three routes on the JDK's own {@link HttpServer}, bound to 127.0.0.1:
 * <ul>
 *   <li>{@code GET /} a page with a "Connect Jira" link and the sites connected so far;
 *   <li>{@code GET /connect} gives the browser a session cookie, starts an authorization bound to that session,
 *       and redirects to Atlassian's consent screen;
 *   <li>{@code GET /auth/callback} (the app's redirect URI) completes it: the SDK checks that the {@code state}
 *       is known, unexpired, unused and issued to this browser's session before it exchanges the code.
 * </ul>
 *
 * <p>Run it with {@code java -cp examples/target/examples.jar dev.jirasdk.examples.ConnectSiteExample}
 * (after {@code mvn -B -q -DskipTests package})
 * and open the printed URL: offline, the simulated consent page lets you pick an account; with
 * {@code JIRA_CLIENT_ID} set, it is Atlassian's (see {@link ExampleEnvironment}). The program exits after the first
 * successful connection.
 */
public final class ConnectSiteExample {
  static final String SESSION_COOKIE = "example_session";

  private final AtlassianOAuth oauth;
  private final PrintStream out;
  private final String callbackPath;
  private final SecureRandom random = new SecureRandom();
  private final CountDownLatch connected = new CountDownLatch(1);

  /**
   * @param oauth the app; its redirect URI's path is served as the callback
   * @param out where the program reports connections
   */
  public ConnectSiteExample(AtlassianOAuth oauth, PrintStream out) {
    this.oauth = oauth;
    this.out = out;
    this.callbackPath = URI.create(oauth.redirectUri()).getPath();
  }

  public static void main(String[] args) throws Exception {
    // Bind first: offline, the simulated Atlassian must know the callback URL with its real port.
    // With real Atlassian, listen where the registered callback URL points (a plain-http loopback URL).
    int port = 0;
    if (System.getenv("JIRA_CLIENT_ID") != null) {
      URI registered =
          URI.create(System.getenv().getOrDefault("JIRA_REDIRECT_URI", ExampleEnvironment.DEFAULT_REDIRECT_URI));
      port = registered.getPort() < 0 ? 80 : registered.getPort();
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    String redirectUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/auth/callback";
    try (ExampleEnvironment env = ExampleEnvironment.fromEnvironment(System.getenv(), redirectUri)) {
      ConnectSiteExample example = new ConnectSiteExample(env.oauth().build(), System.out);
      example.install(server);
      server.start();
      // Open the app under the callback's host name, so the session cookie comes back with the callback.
      URI callback = URI.create(env.redirectUri());
      System.out.println("Open " + callback.getScheme() + "://" + callback.getRawAuthority() + "/ in your browser"
          + (env.isSandbox() ? " (simulated Jira Cloud: any listed account can consent)" : ""));
      example.awaitConnection(Duration.ofMinutes(10));
    } finally {
      server.stop(0);
    }
  }

  /** Adds this example's routes to {@code server} (not started here; the caller owns it). */
  public void install(HttpServer server) {
    server.createContext("/", exchange -> {
      try {
        String path = exchange.getRequestURI().getPath();
        if (!"GET".equals(exchange.getRequestMethod())) {
          send(exchange, 405, "text/plain", "GET only");
        } else if (path.equals("/connect")) {
          connect(exchange);
        } else if (path.equals(callbackPath)) {
          callback(exchange);
        } else if (path.equals("/")) {
          home(exchange);
        } else {
          send(exchange, 404, "text/plain", "not found");
        }
      } catch (RuntimeException e) {
        // Never echo exception details to the browser; they may name internals.
        out.println("unexpected error: " + e.getClass().getSimpleName());
      } finally {
        exchange.close();
      }
    });
  }

  /** Waits for the first connected site; true if one was connected in time. */
  public boolean awaitConnection(Duration timeout) throws InterruptedException {
    return connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void home(HttpExchange exchange) throws IOException {
    StringBuilder html = new StringBuilder("<!doctype html><title>Connect Jira</title><h1>Jira sites</h1><ul>");
    for (SiteConnection c : oauth.accounts().connections()) {
      html.append("<li>").append(escape(c.site().name())).append(" (").append(escape(c.site().url()))
          .append(") ").append(c.state()).append("</li>");
    }
    html.append("</ul><p><a href=\"/connect\">Connect Jira</a></p>");
    send(exchange, 200, "text/html; charset=utf-8", html.toString());
  }

  private void connect(HttpExchange exchange) throws IOException {
    String session = cookie(exchange, SESSION_COOKIE);
    if (session == null) {
      byte[] raw = new byte[32];
      random.nextBytes(raw);
      session = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      // Lax: the browser still sends it on Atlassian's top-level redirect back to the callback.
      exchange.getResponseHeaders().add("Set-Cookie",
          SESSION_COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Lax");
    }
    AuthorizationRequest request = oauth.startAuthorization(session, "Examples");
    exchange.getResponseHeaders().set("Location", request.url());
    send(exchange, 302, "text/plain", "redirecting to Atlassian");
  }

  private void callback(HttpExchange exchange) throws IOException {
    Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
    if (query.containsKey("error")) {
      // The user pressed Deny (access_denied) or the app is misconfigured.
      send(exchange, 400, "text/plain", "Jira was not connected: " + query.get("error"));
      return;
    }
    try {
      Authorization done = oauth.completeAuthorization(query.get("code"), query.get("state"),
          cookie(exchange, SESSION_COOKIE));
      StringBuilder text = new StringBuilder("Connected " + done.connections().size() + " site(s):");
      for (SiteConnection c : done.connections()) {
        text.append(' ').append(c.site().name()).append(" (").append(c.site().url()).append(')');
        out.println("connected " + c.site().name() + " " + c.site().url() + " as " + done.grant().displayName()
            + " (connection " + c.id() + ")");
      }
      connected.countDown();
      send(exchange, 200, "text/plain; charset=utf-8", text.toString());
    } catch (AuthorizationStateException e) {
      // Missing, unknown, expired, replayed, or issued to another browser: nothing was sent or stored.
      out.println("refused a callback: " + e.reason());
      send(exchange, 400, "text/plain", "This sign-in link is stale or belongs to another browser. "
          + "Start again at /connect.");
    } catch (IllegalArgumentException e) {
      send(exchange, 400, "text/plain", "The callback carried no authorization code.");
    } catch (JiraException e) {
      out.println("authorization failed: " + e.getClass().getSimpleName());
      send(exchange, 502, "text/plain", "Atlassian refused the authorization; please try again.");
    }
  }

  /** Decodes {@code a=1&b=2}; the last value of a repeated name wins. */
  static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> m = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) return m;
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      m.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return m;
  }

  private static String cookie(HttpExchange exchange, String name) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String part : header.split(";")) {
        String p = part.trim();
        if (p.startsWith(name + "=")) return p.substring(name.length() + 1);
      }
    }
    return null;
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    // The callback URL carries the code: never let it travel on in a Referer header.
    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(bytes);
    }
  }

  private static String escape(String s) {
    if (s == null) return "";
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
