package dev.jirasdk.sync;

import java.util.Objects;

/**
 * Who shares one points budget, as Jira names it in {@code RateLimit-Policy}: {@code global-app-quota} is one
 * budget for the app across every tenant and every process (Tier 1); any other policy, such as
 * {@code tenant-app-quota} (Tier 2), belongs to one site. A {@link QuotaLedger} keeps one entry per scope.
 *
 * @param kind whether the budget is the app's or one site's
 * @param policy the policy name from the headers, e.g. {@code tenant-app-quota}
 * @param cloudId the site for {@link Kind#TENANT}; empty for {@link Kind#APP}
 */
public record QuotaScope(Kind kind, String policy, String cloudId) {
  /** The policy Atlassian uses for the app-wide (Tier 1) quota. */
  public static final String GLOBAL_APP_QUOTA = "global-app-quota";
  /** The policy Atlassian uses for the per-site (Tier 2) quota. */
  public static final String TENANT_APP_QUOTA = "tenant-app-quota";

  /** Whether a budget is shared by the whole app or belongs to one site. */
  public enum Kind {
    APP,
    TENANT
  }

  public QuotaScope {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(policy, "policy == null");
    Objects.requireNonNull(cloudId, "cloudId == null");
    if (policy.isBlank() || policy.length() > 100) {
      throw new IllegalArgumentException("policy must be 1..100 non-blank characters: '" + policy + "'");
    }
    if (kind == Kind.APP && !cloudId.isEmpty()) {
      throw new IllegalArgumentException("an app-wide scope has no site, got cloudId " + cloudId);
    }
    if (kind == Kind.TENANT && cloudId.isBlank()) {
      throw new IllegalArgumentException("a tenant scope needs the site's cloudId");
    }
  }

  /**
   * The scope a policy name means for requests to {@code cloudId}: {@value #GLOBAL_APP_QUOTA} is app-wide,
   * every other policy (including names Atlassian may add) is the site's own, the cautious reading.
   */
  public static QuotaScope of(String policy, String cloudId) {
    Objects.requireNonNull(policy, "policy == null");
    return GLOBAL_APP_QUOTA.equals(policy) ? new QuotaScope(Kind.APP, policy, "")
        : new QuotaScope(Kind.TENANT, policy, cloudId);
  }

  /** A stable text key, e.g. {@code app/global-app-quota} or {@code tenant/tenant-app-quota/<cloudId>}. */
  public String key() {
    return kind == Kind.APP ? "app/" + policy : "tenant/" + policy + "/" + cloudId;
  }
}
