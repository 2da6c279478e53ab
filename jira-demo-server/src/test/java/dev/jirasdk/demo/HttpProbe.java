package dev.jirasdk.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A small HTTP client for tests: keeps the session cookie, sends a same-origin Origin unless told not to. */
final class HttpProbe {
  static final MediaType JSON = MediaType.get("application/json");
  final String base;
  final OkHttpClient client;
  String sessionCookie;
  String origin;
  final Map<String, String> extraHeaders = new LinkedHashMap<>();

  HttpProbe(String base) {
    this.base = base;
    this.origin = base;
    this.client = new OkHttpClient.Builder().followRedirects(false).callTimeout(20, TimeUnit.SECONDS).build();
  }

  record Answer(int code, Map<String, List<String>> headers, String body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
      }
      return null;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return (Map<String, Object>) Json.parseOrNull(body);
    }

    @SuppressWarnings("unchecked")
    String errorCode() {
      Map<String, Object> error = (Map<String, Object>) json().get("error");
      return error == null ? null : (String) error.get("code");
    }

    @Override
    public String toString() {
      return code + " " + body;
    }
  }

  Answer get(String path) {
    return send(new Request.Builder().url(url(path)).get());
  }

  Answer getJson(String path) {
    return send(new Request.Builder().url(url(path)).header("Accept", "application/json").get());
  }

  Answer post(String path) {
    return post(path, "");
  }

  Answer post(String path, String json) {
    return send(new Request.Builder().url(url(path)).post(RequestBody.create(json, JSON)));
  }

  Answer delete(String path) {
    return send(new Request.Builder().url(url(path)).delete());
  }

  private String url(String path) {
    return path.startsWith("http") ? path : base + path;
  }

  Answer send(Request.Builder builder) {
    if (sessionCookie != null) builder.header("Cookie", Ctx.SESSION_COOKIE + "=" + sessionCookie);
    if (origin != null) builder.header("Origin", origin);
    extraHeaders.forEach(builder::header);
    try (Response r = client.newCall(builder.build()).execute()) {
      for (String setCookie : r.headers("Set-Cookie")) {
        if (setCookie.startsWith(Ctx.SESSION_COOKIE + "=")) {
          sessionCookie = setCookie.substring(Ctx.SESSION_COOKIE.length() + 1, setCookie.indexOf(';'));
        }
      }
      return new Answer(r.code(), r.headers().toMultimap(), r.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
