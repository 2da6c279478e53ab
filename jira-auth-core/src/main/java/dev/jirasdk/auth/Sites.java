package dev.jirasdk.auth;

import java.util.List;
import java.util.Objects;

/** Picks a connection by cloud id or site URL. */
final class Sites {
  private Sites() {}

  static SiteConnection select(List<SiteConnection> candidates, String cloudIdOrSiteUrl) {
    Objects.requireNonNull(cloudIdOrSiteUrl, "cloudIdOrSiteUrl == null");
    String wanted = cloudIdOrSiteUrl.trim();
    if (wanted.isEmpty()) throw new IllegalArgumentException("site is blank: give a cloud id or a site URL");
    List<SiteConnection> byId = candidates.stream().filter(c -> c.cloudId().equals(wanted)).toList();
    List<SiteConnection> matches = byId;
    if (byId.isEmpty()) {
      String url = Site.normalizeUrl(wanted);
      matches = candidates.stream()
          .filter(c -> !c.site().url().isEmpty() && Site.normalizeUrl(c.site().url()).equals(url))
          .toList();
    }
    if (matches.isEmpty()) {
      throw new IllegalArgumentException("no connected site matches '" + wanted + "' (known: "
          + candidates.stream().map(c -> c.site().url() + " [" + c.cloudId() + "]").toList() + ")");
    }
    if (matches.size() > 1) {
      throw new IllegalArgumentException("'" + wanted + "' is ambiguous: " + matches.size()
          + " connections reach it (" + matches.stream().map(SiteConnection::id).toList()
          + "); choose by connection id");
    }
    return matches.get(0);
  }
}
