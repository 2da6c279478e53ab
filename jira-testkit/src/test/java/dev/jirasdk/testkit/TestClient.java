package dev.jirasdk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A bare HTTP client for the fake's tests: does the OAuth dance and plain calls, nothing clever. */
final class TestClient {
  static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .followRedirects(false)
      .retryOnConnectionFailure(false)
      .connectTimeout(5, TimeUnit.SECONDS)
      .readTimeout(10, TimeUnit.SECONDS)
      .build();
  static final MediaType JSON = MediaType.get("application/json");
  static final String ALL_SCOPES = "read:jira-work write:jira-work read:jira-user manage:jira-project "
      + "manage:jira-configuration read:me offline_access";

  record Answer(int code, Headers headers, String body) {
    Map<String, Object> json() {
      return Json.asObject(Json.parse(body));
    }

    List<?> array() {
      return Json.asList(Json.parse(body));
    }
  }

  record Tokens(String accessToken, String refreshToken, Map<String, Object> raw) {}

  private TestClient() {}

  static String authorizeUrl(FakeJiraCloud fake, String scopes, String state) {
    return fake.authBaseUrl() + "/authorize?audience=api.atlassian.com&client_id=" + enc(fake.clientId()) + "&scope="
        + enc(scopes) + "&redirect_uri=" + enc(fake.redirectUri()) + "&state=" + enc(state) + "&response_type=code&prompt=consent";
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String codeOf(String redirect) {
    HttpUrl u = HttpUrl.get(redirect);
    return u.queryParameter("code");
  }

  /** Consents as the given account with the given scopes and exchanges the code. */
  static Tokens connect(FakeJiraCloud fake, String accountId, String scopes) {
    String redirect = fake.approve(authorizeUrl(fake, scopes, "st"), accountId);
    Answer a = postJson(fake.authBaseUrl() + "/oauth/token", Json.string(Json.obj("grant_type", "authorization_code",
        "client_id", fake.clientId(), "client_secret", fake.clientSecret(), "code", codeOf(redirect),
        "redirect_uri", fake.redirectUri())), null);
    if (a.code() != 200) {
      throw new AssertionError("code exchange failed: " + a);
    }
    Map<String, Object> m = a.json();
    return new Tokens((String) m.get("access_token"), (String) m.get("refresh_token"), m);
  }

  static Tokens connect(FakeJiraCloud fake) {
    return connect(fake, fake.users().get(0).accountId(), ALL_SCOPES);
  }

  static Answer refresh(FakeJiraCloud fake, String refreshToken) {
    return postJson(fake.authBaseUrl() + "/oauth/token", Json.string(Json.obj("grant_type", "refresh_token",
        "client_id", fake.clientId(), "client_secret", fake.clientSecret(), "refresh_token", refreshToken)), null);
  }

  static String api(FakeJiraCloud fake, String cloudId, String path) {
    return fake.apiBaseUrl() + "/ex/jira/" + cloudId + path;
  }

  static Answer get(String url, String accessToken) {
    Request.Builder b = new Request.Builder().url(url);
    if (accessToken != null) {
      b.header("Authorization", "Bearer " + accessToken);
    }
    return call(b.build());
  }

  static Answer postJson(String url, String json, String accessToken) {
    Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(json, JSON));
    if (accessToken != null) {
      b.header("Authorization", "Bearer " + accessToken);
    }
    return call(b.build());
  }

  static Answer send(String method, String url, String json, String accessToken) {
    // OkHttp sends POST and PUT with a body: an empty one where the operation takes none
    RequestBody body = json != null ? RequestBody.create(json, JSON)
        : method.equals("POST") || method.equals("PUT") ? RequestBody.create(new byte[0]) : null;
    Request.Builder b = new Request.Builder().url(url).method(method, body);
    if (accessToken != null) {
      b.header("Authorization", "Bearer " + accessToken);
    }
    return call(b.build());
  }

  static Answer postForm(String url, FormBody form) {
    return call(new Request.Builder().url(url).post(form).build());
  }

  static Answer call(Request r) {
    try (Response resp = HTTP.newCall(r).execute()) {
      return new Answer(resp.code(), resp.headers(), resp.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
