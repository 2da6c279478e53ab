package dev.jirasdk.demo;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Map;

/** One request: path parameters, query, a size-limited body, the session cookie, and ways to answer. */
final class Ctx {
  static final String SESSION_COOKIE = "jira_demo_session";
  private static final SecureRandom RANDOM = new SecureRandom();

  final HttpServerExchange exchange;
  private final Map<String, String> params;
  private final int maxBodyBytes;
  private final boolean secureCookies;

  Ctx(HttpServerExchange exchange, Map<String, String> params, int maxBodyBytes, boolean secureCookies) {
    this.exchange = exchange;
    this.params = params;
    this.maxBodyBytes = maxBodyBytes;
    this.secureCookies = secureCookies;
  }

  String param(String name) {
    return params.get(name);
  }

  /** The first value of a query parameter, or null. */
  String query(String name) {
    Deque<String> values = exchange.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  boolean wantsJson() {
    String accept = header("Accept");
    return accept != null && accept.contains("application/json") && !accept.contains("text/html");
  }

  /** The request body as text, at most {@code maxBodyBytes}; larger bodies are a 413. */
  String body() {
    if (!exchange.isBlocking()) exchange.startBlocking();
    try (InputStream in = exchange.getInputStream()) {
      byte[] bytes = in.readNBytes(maxBodyBytes + 1);
      if (bytes.length > maxBodyBytes) {
        throw new ApiError(413, "body_too_large", "request body is larger than " + maxBodyBytes + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ApiError.badRequest("unreadable_body", "request body could not be read");
    }
  }

  Map<String, Object> jsonBody() {
    String contentType = header("Content-Type");
    String text = body();
    if (text.isBlank()) return Map.of();
    if (contentType != null && !contentType.toLowerCase().startsWith("application/json")) {
      throw new ApiError(415, "unsupported_media_type", "send the body as application/json");
    }
    return Json.readObject(text);
  }

  /**
   * The browser session's binding value: a hash of the session cookie, created (and set on the response) when
   * absent. The OAuth state is bound to it so that only the browser that started a flow can finish it.
   */
  String binding() {
    Cookie cookie = exchange.getRequestCookie(SESSION_COOKIE);
    String value = cookie == null ? null : cookie.getValue();
    if (value == null || !value.matches("[A-Za-z0-9_-]{43}")) {
      byte[] raw = new byte[32];
      RANDOM.nextBytes(raw);
      value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      CookieImpl fresh = new CookieImpl(SESSION_COOKIE, value);
      fresh.setPath("/");
      fresh.setHttpOnly(true);
      fresh.setSameSiteMode("Lax");
      fresh.setSecure(secureCookies);
      exchange.setResponseCookie(fresh);
    }
    return bindingOf(value);
  }

  /** The binding of an existing session cookie, or null when the request has none. */
  String existingBinding() {
    Cookie cookie = exchange.getRequestCookie(SESSION_COOKIE);
    return cookie == null || cookie.getValue() == null ? null : bindingOf(cookie.getValue());
  }

  static String bindingOf(String cookieValue) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(("jira-demo-session:" + cookieValue).getBytes(StandardCharsets.UTF_8));
      return "s_" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  void json(int status, Object body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
    exchange.getResponseSender().send(Json.write(body), StandardCharsets.UTF_8);
  }

  void html(int status, String html) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    exchange.getResponseSender().send(html, StandardCharsets.UTF_8);
  }

  void redirect(String location) {
    exchange.setStatusCode(StatusCodes.SEE_OTHER);
    exchange.getResponseHeaders().put(Headers.LOCATION, location);
    exchange.endExchange();
  }

  void responseHeader(String name, String value) {
    exchange.getResponseHeaders().put(new HttpString(name), value);
  }
}
