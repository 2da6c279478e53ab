package dev.jirasdk.demo;

import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The static pages and assets from {@code /static} on the class path, and server-rendered message pages. */
final class Pages {
  private static final Pattern ASSET = Pattern.compile("[a-z0-9-]{1,40}\\.(css|js|svg)");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "svg", "image/svg+xml");
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
  private final String canonicalAuthority;

  /** @param canonicalAuthority host:port that pages redirect to when reached under another name, or null */
  Pages(String canonicalAuthority) {
    this.canonicalAuthority = canonicalAuthority;
  }

  void register(Router r) {
    r.add("GET", "/", ctx -> {
      ctx.redirect("/dashboard");
      return null;
    });
    r.add("GET", "/dashboard", ctx -> page(ctx, "dashboard.html"));
    r.add("GET", "/accounts", ctx -> page(ctx, "accounts.html"));
    r.add("GET", "/static/{name}", ctx -> {
      String name = ctx.param("name");
      if (!ASSET.matcher(name).matches()) throw ApiError.notFound("not_found", "no such asset");
      return serve(ctx, name);
    });
    r.add("GET", "/favicon.ico", ctx -> serve(ctx, "favicon.svg"));
  }

  private Object page(Ctx ctx, String name) {
    String host = ctx.header("Host");
    if (canonicalAuthority != null && host != null && !host.equalsIgnoreCase(canonicalAuthority)) {
      // The OAuth callback lands on the redirect URI's host; the session cookie must live there too.
      ctx.redirect("http://" + canonicalAuthority + ctx.exchange.getRequestPath());
      return null;
    }
    ctx.binding(); // a session cookie before any sign-in starts, so the callback can find it
    return serve(ctx, name);
  }

  private Object serve(Ctx ctx, String name) {
    byte[] bytes = cache.computeIfAbsent(name, Pages::load);
    if (bytes.length == 0) throw ApiError.notFound("not_found", "no such asset");
    String ext = name.substring(name.lastIndexOf('.') + 1);
    ctx.exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, TYPES.get(ext));
    ctx.exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    ctx.exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    return null;
  }

  private static byte[] load(String name) {
    try (InputStream in = Pages.class.getResourceAsStream("/static/" + name)) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** A small standalone page (no script) with a title, a message and a way back. */
  static String message(String title, String message, String code) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + escape(title) + " · Jira SDK demo</title>"
        + "<link rel=\"stylesheet\" href=\"/static/app.css\"></head>"
        + "<body class=\"message-page\"><main class=\"card message\"><h1>" + escape(title) + "</h1>"
        + "<p>" + escape(message) + "</p><p class=\"muted\">Error code: <code>" + escape(code) + "</code></p>"
        + "<p><a class=\"button primary\" href=\"/dashboard\">Back to the dashboard</a></p></main></body></html>";
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<': sb.append("&lt;"); break;
        case '>': sb.append("&gt;"); break;
        case '&': sb.append("&amp;"); break;
        case '"': sb.append("&quot;"); break;
        case '\'': sb.append("&#39;"); break;
        default: sb.append(c);
      }
    }
    return sb.toString();
  }
}
