package dev.jirasdk.demo;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;

/** One request: path parameters, query, the body read before dispatch, the session cookie, and ways to answer. */
final class Ctx {
  static final String SESSION_COOKIE = "jira_demo_session";

  final HttpServerExchange exchange;
  private final Map<String, String> params;
  private final byte[] body;
  private final boolean secureCookies;
  private final Sessions sessions;

  /** @param body the request body as received (at most the size limit), or null when there was none */
  Ctx(HttpServerExchange exchange, Map<String, String> params, byte[] body, boolean secureCookies,
      Sessions sessions) {
    this.exchange = exchange;
    this.params = params;
    this.body = body == null ? new byte[0] : body;
    this.secureCookies = secureCookies;
    this.sessions = sessions;
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

  /**
   * The body as a JSON object; an empty body is an empty object. A body needs {@code Content-Type:
   * application/json} (charset, if named, UTF-8): 415 otherwise; bytes that are not UTF-8 are a 400.
   */
  Map<String, Object> jsonBody() {
    if (body.length == 0) return Map.of();
    String contentType = header("Content-Type");
    if (contentType == null) {
      throw new ApiError(415, "unsupported_media_type", "the request has a body but no Content-Type; send application/json");
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    if (!parts[0].strip().equals("application/json")) {
      throw new ApiError(415, "unsupported_media_type",
          "Content-Type must be application/json, got " + Router.safePath(parts[0].strip()));
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
        throw new ApiError(415, "unsupported_media_type", "the body must be UTF-8 (charset=utf-8)");
      }
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("invalid_utf8", "the request body is not valid UTF-8");
    }
    return Json.readObject(text);
  }

  /**
   * The binding of the browser session that the server issued to this client: the request's session cookie when
   * the server issued it, otherwise a new id (set on the response). The OAuth state is bound to it so that only
   * the browser that started a flow can finish it.
   */
  String binding() {
    Cookie cookie = exchange.getRequestCookie(SESSION_COOKIE);
    String value = cookie == null ? null : cookie.getValue();
    return sessions.known(value) ? Sessions.bindingOf(value) : freshBinding();
  }

  /** Issues a new session id (set on the response) whatever the request carried, and returns its binding. */
  String freshBinding() {
    String value = sessions.issue();
    CookieImpl fresh = new CookieImpl(SESSION_COOKIE, value);
    fresh.setPath("/");
    fresh.setHttpOnly(true);
    fresh.setSameSiteMode("Lax");
    fresh.setSecure(secureCookies);
    exchange.setResponseCookie(fresh);
    return Sessions.bindingOf(value);
  }

  /** The binding of the request's session cookie when this server issued it, otherwise null. */
  String existingBinding() {
    Cookie cookie = exchange.getRequestCookie(SESSION_COOKIE);
    String value = cookie == null ? null : cookie.getValue();
    return sessions.known(value) ? Sessions.bindingOf(value) : null;
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
