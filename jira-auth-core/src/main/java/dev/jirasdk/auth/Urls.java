package dev.jirasdk.auth;

import java.util.List;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/** Base URLs as builders take them: absolute http(s), no query, always ending in a slash. */
final class Urls {
  private Urls() {}

  /** The parsed base, or null after adding what is wrong with it to {@code problems}. */
  static @Nullable HttpUrl parseBase(String name, @Nullable String url, List<String> problems) {
    if (url == null || url.isBlank()) {
      problems.add(name + " is missing");
      return null;
    }
    HttpUrl parsed = HttpUrl.parse(url.endsWith("/") ? url : url + "/");
    if (parsed == null) {
      problems.add(name + " is not an http(s) URL: " + url);
      return null;
    }
    if (parsed.query() != null) {
      problems.add(name + " must not have a query: " + url);
      return null;
    }
    return parsed;
  }
}
