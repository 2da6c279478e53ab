package dev.jirasdk.testkit;

import java.util.Objects;

/**
 * A Jira Cloud site of the fake, as listed by {@code /oauth/token/accessible-resources}.
 *
 * @param cloudId the site's cloud id, used in {@code /ex/jira/{cloudId}/rest/api/3/...}
 * @param name the site name, e.g. {@code acme}
 * @param url the site's browser URL, e.g. {@code https://acme.atlassian.net}
 */
public record FakeSite(String cloudId, String name, String url) {
  public FakeSite {
    Objects.requireNonNull(cloudId, "cloudId == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(url, "url == null");
  }
}
