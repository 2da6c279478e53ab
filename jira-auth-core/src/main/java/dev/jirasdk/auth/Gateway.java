package dev.jirasdk.auth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** One-shot JSON calls to the API gateway outside a site, such as {@code accessible-resources}. */
final class Gateway {
  private static final String RESOURCES = "GET /oauth/token/accessible-resources";

  private Gateway() {}

  /** The sites a token reaches (possibly none), as {@code accessible-resources} lists them. */
  static List<Site> accessibleResources(OkHttpClient http, HttpUrl apiBase, String authorization) {
    HttpUrl url = apiBase.newBuilder().addPathSegments("oauth/token/accessible-resources").build();
    Object json = getJson(http, url, authorization, RESOURCES);
    if (!(json instanceof List<?> list)) {
      throw new UnexpectedResponseException(RESOURCES, 200, "expected an array at $");
    }
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Map<String, Object> o = Json.asObject(list.get(i));
      String id = Json.string(o, "id");
      if (id == null || id.isBlank()) {
        throw new UnexpectedResponseException(RESOURCES, 200, "expected a string at $[" + i + "].id");
      }
      List<String> siteScopes = new ArrayList<>();
      if (o.get("scopes") instanceof List<?> s) s.forEach(x -> siteScopes.add(String.valueOf(x)));
      sites.add(new Site(id, Json.string(o, "name"), Json.string(o, "url"), siteScopes,
          Json.string(o, "avatarUrl")));
    }
    return sites;
  }

  /** {@code GET url} with {@code authorization}; the parsed JSON of a success, else a typed exception. */
  static Object getJson(OkHttpClient http, HttpUrl url, String authorization, String endpoint) {
    Request request = new Request.Builder().url(url).header("Authorization", authorization)
        .header("Accept", "application/json").build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      Object json = Json.parseOrNull(text);
      if (!response.isSuccessful()) {
        throw new JiraApiException(response.code(), endpoint, Json.errorMessages(json), Json.errors(json), 1);
      }
      if (json == null) {
        throw new UnexpectedResponseException(endpoint, response.code(),
            "expected JSON, the body is " + NonJsonBody.describe(response.header("Content-Type"), text));
      }
      return json;
    } catch (IOException e) {
      throw new JiraTransportException(endpoint, 1, e);
    }
  }
}
