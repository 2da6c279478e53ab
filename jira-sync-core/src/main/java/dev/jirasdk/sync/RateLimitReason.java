package dev.jirasdk.sync;

import java.util.Locale;
import java.util.Optional;

/**
 * Why Jira refused or warned, from {@code RateLimit-Reason} / {@code X-Beta-RateLimit-Reason}. What the
 * {@link RateGovernor} does about each differs: a quota pauses every request that spends that quota, a burst
 * slows one endpoint, a per-issue limit spaces the writes to that issue.
 */
public enum RateLimitReason {
  /** The app's hourly points quota, shared by every tenant ({@code jira-quota-global-based}). */
  GLOBAL_QUOTA("jira-quota-global-based"),
  /** One site's hourly points quota ({@code jira-quota-tenant-based}). */
  TENANT_QUOTA("jira-quota-tenant-based"),
  /** The per-second bucket of one tenant × endpoint × method ({@code jira-burst-based}). */
  BURST("jira-burst-based"),
  /** Too many writes to one issue ({@code jira-per-issue-on-write}). */
  PER_ISSUE_WRITE("jira-per-issue-on-write"),
  /** The hourly cost budget of API-token (Basic) traffic ({@code jira-cost-based}). */
  COST("jira-cost-based");

  private final String headerValue;

  RateLimitReason(String headerValue) {
    this.headerValue = headerValue;
  }

  /** The value as Jira sends it. */
  public String headerValue() {
    return headerValue;
  }

  /** Whether this reason is an hourly budget (everything spending it must wait for the reset). */
  public boolean isQuota() {
    return this == GLOBAL_QUOTA || this == TENANT_QUOTA || this == COST;
  }

  /** The reason a header value names (case-insensitive, surrounding blanks ignored), empty if unknown. */
  public static Optional<RateLimitReason> fromHeader(String value) {
    if (value == null) return Optional.empty();
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (RateLimitReason r : values()) {
      if (r.headerValue.equals(v)) return Optional.of(r);
    }
    return Optional.empty();
  }
}
