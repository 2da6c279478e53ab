package dev.jirasdk.demo;

import dev.jirasdk.auth.JiraException;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root handler: security headers, Host allow-list (against DNS rebinding), same-origin check on
 * state-changing requests, optional admin token on {@code /api}, body size limit, then routing and the JSON
 * error format.
 *
 * <p>A request body is read on the I/O thread without blocking, before any worker thread is involved: a
 * {@code Content-Length} over the limit is a 413 before a byte is read, a chunked body a 413 as soon as it
 * crosses the limit, and a body that has not arrived within {@link #bodyTimeoutMillis} is a 408; each ends the
 * connection. At most {@link #MAX_BODIES_IN_FLIGHT} bodies are held at once (16 KiB each at most); more are
 * a 503. So clients that trickle bodies cannot hold the workers that answer {@code /health} and the pages.
 * Handlers then run on Undertow's worker threads with the whole body in hand.
 */
final class Front implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(Front.class);
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";
  private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** Bodies being received at once, over all clients; each holds at most {@code maxBodyBytes}. */
  static final int MAX_BODIES_IN_FLIGHT = 64;
  static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

  private final Router router;
  private final Api api;
  private final Set<String> allowedHosts;
  private final byte[] adminToken;
  private final int maxBodyBytes;
  private final boolean secureCookies;
  private final long bodyTimeoutMillis;
  private final Sessions sessions;
  private final AtomicInteger bodiesInFlight = new AtomicInteger();

  /**
   * @param allowedHosts lower-case {@code host:port} values accepted in the Host header; empty accepts any
   * @param adminToken null when not required
   * @param bodyTimeoutMillis how long a request body may take to arrive
   */
  Front(Router router, Api api, Set<String> allowedHosts, String adminToken, int maxBodyBytes,
      boolean secureCookies, long bodyTimeoutMillis, Sessions sessions) {
    this.router = router;
    this.api = api;
    this.allowedHosts = Set.copyOf(allowedHosts);
    this.adminToken = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
    this.maxBodyBytes = maxBodyBytes;
    this.secureCookies = secureCookies;
    this.bodyTimeoutMillis = bodyTimeoutMillis;
    this.sessions = sessions;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.isInIoThread()) {
      if (exchange.isRequestComplete() || exchange.getAttachment(BODY) != null) {
        exchange.dispatch(this::handle);
      } else {
        receiveBody(exchange);
      }
      return;
    }
    handle(exchange);
  }

  /** Reads the body on the I/O thread, then hands the request to a worker. */
  private void receiveBody(HttpServerExchange exchange) {
    headers(exchange);
    long length = exchange.getRequestContentLength();
    if (length > maxBodyBytes) {
      refuse(exchange, tooLarge());
      return;
    }
    if (bodiesInFlight.incrementAndGet() > MAX_BODIES_IN_FLIGHT) {
      bodiesInFlight.decrementAndGet();
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
      refuse(exchange, new ApiError(503, "busy", "too many request bodies are arriving at once; try again shortly"));
      return;
    }
    ByteArrayOutputStream received = new ByteArrayOutputStream(length > 0 ? (int) length : 1024);
    boolean[] over = new boolean[1];
    XnioExecutor.Key deadline = exchange.getIoThread().executeAfter(() -> {
      if (over[0]) return;
      over[0] = true;
      bodiesInFlight.decrementAndGet();
      exchange.getRequestReceiver().pause();
      refuse(exchange, new ApiError(408, "body_timeout",
          "the request body did not arrive within " + bodyTimeoutMillis / 1000 + " s"));
    }, bodyTimeoutMillis, TimeUnit.MILLISECONDS);
    exchange.getRequestReceiver().receivePartialBytes((ex, bytes, last) -> {
      if (over[0]) return;
      received.writeBytes(bytes);
      if (received.size() > maxBodyBytes) {
        over[0] = true;
        deadline.remove();
        bodiesInFlight.decrementAndGet();
        ex.getRequestReceiver().pause();
        refuse(ex, tooLarge());
        return;
      }
      if (last) {
        over[0] = true;
        deadline.remove();
        bodiesInFlight.decrementAndGet();
        ex.putAttachment(BODY, received.toByteArray());
        ex.dispatch(this::handle);
      }
    }, (ex, e) -> {
      if (over[0]) return;
      over[0] = true;
      deadline.remove();
      bodiesInFlight.decrementAndGet();
      log.debug("request body could not be read: {}", e.toString());
      IoUtils.safeClose(ex.getConnection());
    });
  }

  private ApiError tooLarge() {
    return new ApiError(413, "body_too_large", "request body is larger than " + maxBodyBytes + " bytes");
  }

  /** Answers on the I/O thread and closes the connection (the rest of the body is never read). */
  private static void refuse(HttpServerExchange exchange, ApiError e) {
    if (exchange.isResponseStarted()) {
      IoUtils.safeClose(exchange.getConnection());
      return;
    }
    exchange.setPersistent(false);
    exchange.setStatusCode(e.status());
    exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
    exchange.getResponseSender().send(Json.write(e.body()), StandardCharsets.UTF_8);
  }

  private void handle(HttpServerExchange exchange) {
    exchange.startBlocking();
    headers(exchange);
    String path = exchange.getRelativePath();
    String method = exchange.getRequestMethod().toString();
    byte[] body = exchange.getAttachment(BODY);
    Ctx ctx = new Ctx(exchange, java.util.Map.of(), body, secureCookies, sessions);
    try {
      checkHost(exchange);
      if (UNSAFE.contains(method)) checkSameOrigin(exchange);
      boolean isApi = path.startsWith("/api/");
      if (isApi || path.startsWith("/auth/start")) {
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        if (adminToken != null) checkAdminToken(exchange);
      }
      if (path.equals("/health")) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
          exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
          throw new ApiError(405, "method_not_allowed", method + " is not supported here; use GET");
        }
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        boolean details = adminToken == null || hasAdminToken(exchange);
        Router.Reply reply = api.health(details);
        ctx.json(reply.status(), reply.body());
        return;
      }
      Router.Match match = router.match(exchange);
      if (!match.takesBody() && body != null && body.length > 0) {
        throw ApiError.badRequest("unexpected_body", method + " " + Router.safePath(path) + " takes no request body");
      }
      Ctx routed = new Ctx(exchange, match.params(), body, secureCookies, sessions);
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
      if (!exchange.isResponseStarted()) {
        if (e.status() == 404 && wantsHtml(exchange)) {
          ctx.html(404, Pages.message("Page not found", "There is no page at " + Router.safePath(path) + ".",
              e.code()));
        } else {
          ctx.json(e.status(), e.body());
        }
      }
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

  /** A browser navigating (Accept names text/html) to something that is not an API endpoint. */
  private static boolean wantsHtml(HttpServerExchange exchange) {
    String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
    String path = exchange.getRelativePath();
    return accept != null && accept.contains("text/html") && !path.startsWith("/api/")
        && exchange.getRequestMethod().toString().equals("GET");
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
