package dev.jirasdk.auth;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Jira Cloud site a grant can reach, as listed by {@code accessible-resources}.
 *
 * @param cloudId the site's cloud id, used to route API calls ({@code /ex/jira/{cloudId}})
 * @param name the site name, e.g. {@code acme}
 * @param url the site URL, e.g. {@code https://acme.atlassian.net}
 * @param scopes the scopes that apply to this site
 * @param avatarUrl the site's avatar, possibly null
 */
public record Site(String cloudId, String name, String url, List<String> scopes, @Nullable String avatarUrl) {
  public Site {
    Objects.requireNonNull(cloudId, "cloudId == null");
    if (cloudId.isBlank()) throw new IllegalArgumentException("cloudId is blank");
    name = name == null ? "" : name;
    url = url == null ? "" : url;
    scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes == null"));
  }

  /**
   * Normalises a site URL for comparison: lower-case host, no scheme-default port, no trailing slash or
   * path. {@code ACME.atlassian.net/} and {@code https://acme.atlassian.net} are the same site.
   */
  public static String normalizeUrl(String url) {
    Objects.requireNonNull(url, "url == null");
    String s = url.trim().toLowerCase(java.util.Locale.ROOT);
    if (!s.contains("://")) s = "https://" + s;
    int hostStart = s.indexOf("://") + 3;
    int pathStart = s.indexOf('/', hostStart);
    String origin = pathStart < 0 ? s : s.substring(0, pathStart);
    if (origin.endsWith(":443") && origin.startsWith("https://")) origin = origin.substring(0, origin.length() - 4);
    if (origin.endsWith(":80") && origin.startsWith("http://")) origin = origin.substring(0, origin.length() - 3);
    return origin;
  }
}
