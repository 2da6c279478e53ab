package dev.jirasdk.demo;

import dev.jirasdk.auth.JiraException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root handler: security headers, Host allow-list (against DNS rebinding), same-origin check on
 * state-changing requests, optional admin token on {@code /api}, body size limit, then routing and the JSON
 * error format. Runs handlers on Undertow's worker threads.
 */
final class Front implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(Front.class);
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";
  private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final Router router;
  private final Api api;
  private final Set<String> allowedHosts;
  private final byte[] adminToken;
  private final int maxBodyBytes;
  private final boolean secureCookies;

  /**
   * @param allowedHosts lower-case {@code host:port} values accepted in the Host header; empty accepts any
   * @param adminToken null when not required
   */
  Front(Router router, Api api, Set<String> allowedHosts, String adminToken, int maxBodyBytes,
      boolean secureCookies) {
    this.router = router;
    this.api = api;
    this.allowedHosts = Set.copyOf(allowedHosts);
    this.adminToken = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
    this.maxBodyBytes = maxBodyBytes;
    this.secureCookies = secureCookies;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    exchange.startBlocking();
    headers(exchange);
    String path = exchange.getRelativePath();
    String method = exchange.getRequestMethod().toString();
    Ctx ctx = new Ctx(exchange, java.util.Map.of(), maxBodyBytes, secureCookies);
    try {
      checkHost(exchange);
      if (UNSAFE.contains(method)) checkSameOrigin(exchange);
      long length = exchange.getRequestContentLength();
      if (length > maxBodyBytes) {
        throw new ApiError(413, "body_too_large", "request body is larger than " + maxBodyBytes + " bytes");
      }
      boolean isApi = path.startsWith("/api/");
      if (isApi || path.startsWith("/auth/start")) {
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        if (adminToken != null) checkAdminToken(exchange);
      }
      if (path.equals("/health")) {
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        boolean details = adminToken == null || hasAdminToken(exchange);
        Router.Reply reply = api.health(details);
        ctx.json(reply.status(), reply.body());
        return;
      }
      Router.Match match = router.match(exchange);
      Ctx routed = new Ctx(exchange, match.params(), maxBodyBytes, secureCookies);
      Object result = match.route().handle(routed);
      if (result instanceof Router.Reply) {
        Router.Reply reply = (Router.Reply) result;
        routed.json(reply.status(), reply.body());
      } else if (result != null) {
        routed.json(200, result);
      }
      if (log.isDebugEnabled()) {
        // Never the query string: the callback's carries the authorization code.
        log.debug("{} {} -> {}", method, Router.safePath(path), exchange.getStatusCode());
      }
    } catch (ApiError e) {
      log.debug("{} {} -> {} {}", method, Router.safePath(path), e.status(), e.code());
      if (!exchange.isResponseStarted()) ctx.json(e.status(), e.body());
    } catch (JiraException e) {
      log.warn("{} {} failed: {}", method, Router.safePath(path), e.getMessage());
      if (!exchange.isResponseStarted()) {
        ctx.json(502, new ApiError(502, "upstream_error", "Jira or the store could not complete the request").body());
      }
    } catch (Exception e) {
      log.error("{} {} failed", method, Router.safePath(path), e);
      if (!exchange.isResponseStarted()) {
        ctx.json(500, new ApiError(500, "internal_error", "unexpected server error; see the server log").body());
      }
    }
  }

  private static void headers(HttpServerExchange exchange) {
    var h = exchange.getResponseHeaders();
    h.put(new HttpString("Content-Security-Policy"), CSP);
    h.put(new HttpString("X-Content-Type-Options"), "nosniff");
    h.put(new HttpString("X-Frame-Options"), "DENY");
    h.put(new HttpString("Referrer-Policy"), "no-referrer");
    h.put(new HttpString("Cross-Origin-Opener-Policy"), "same-origin");
    h.put(new HttpString("Cross-Origin-Resource-Policy"), "same-origin");
    h.put(new HttpString("Permissions-Policy"), "camera=(), microphone=(), geolocation=()");
  }

  private void checkHost(HttpServerExchange exchange) {
    if (allowedHosts.isEmpty()) return;
    String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
    if (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
      throw new ApiError(421, "unknown_host",
          "this server does not answer to that host name; use the address it was configured with");
    }
  }

  /** Browsers send Origin on every cross-site POST/DELETE; it must name this server. */
  private static void checkSameOrigin(HttpServerExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
    if (origin == null) {
      String fetchSite = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
      if ("same-origin".equals(fetchSite)) return;
      throw new ApiError(403, "cross_origin",
          "state-changing requests must come from this server's pages (send an Origin header naming it)");
    }
    try {
      URI uri = new URI(origin);
      String authority = uri.getRawAuthority();
      if (authority != null && host != null && authority.equalsIgnoreCase(host)
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        return;
      }
    } catch (java.net.URISyntaxException e) {
      // falls through to the rejection below
    }
    throw new ApiError(403, "cross_origin", "requests from another origin may not change anything here");
  }

  private void checkAdminToken(HttpServerExchange exchange) {
    if (!hasAdminToken(exchange)) {
      throw new ApiError(401, "admin_token_required",
          "this server requires its admin token: send Authorization: Bearer <token>");
    }
  }

  private boolean hasAdminToken(HttpServerExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
    byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, adminToken);
  }
}
