package dev.jirasdk.testkit;

/**
 * Where the {@code self} links in the fake's Jira answers point. Jira switched them to Atlassian's API gateway on
 * 14 July 2026; an SDK must never derive a site or a browse link from them (the site URL comes from
 * {@code accessible-resources}).
 */
public enum SelfUrls {
  /** The fake's own gateway address, {@code {apiBaseUrl}/ex/jira/{cloudId}/rest/api/3/…} (default; followable). */
  LOCAL_GATEWAY,
  /** Jira since July 2026: {@code https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/…}. */
  ATLASSIAN_GATEWAY,
  /** Jira before July 2026: the site's own address, {@code https://{name}.atlassian.net/rest/api/3/…}. */
  SITE;

  String base(String origin, FakeSite site) {
    return switch (this) {
      case LOCAL_GATEWAY -> origin + "/ex/jira/" + site.cloudId();
      case ATLASSIAN_GATEWAY -> "https://api.atlassian.com/ex/jira/" + site.cloudId();
      case SITE -> site.url();
    };
  }
}
