package dev.jirasdk.micrometer;

import dev.jirasdk.auth.RequestListener;
import dev.jirasdk.auth.TokenListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer meters for the SDK's HTTP traffic and tokens: requests by endpoint template and status, retries,
 * 429s by reason, the points left in Atlassian's hourly quota, token refreshes and their outcome. Wire its two
 * listeners into {@link dev.jirasdk.auth.AtlassianOAuth}; for the sync engine add {@link SyncMetrics}.
 *
 * <pre>{@code
 * JiraMetrics metrics = JiraMetrics.builder(registry).tags("app", "billing").build();
 * AtlassianOAuth oauth = AtlassianOAuth.builder()
 *     // …
 *     .requestListener(metrics.requestListener())
 *     .listener(metrics.tokenListener(myTokenListener))   // or metrics.tokenListener() alone
 *     .build();
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code jira.requests}</td><td>timer</td><td>{@code method}, {@code endpoint}, {@code status}</td></tr>
 *   <tr><td>{@code jira.retries}</td><td>counter</td><td>{@code method}, {@code endpoint}, {@code status}</td></tr>
 *   <tr><td>{@code jira.ratelimited}</td><td>counter</td><td>{@code reason}, {@code method}, {@code endpoint}</td></tr>
 *   <tr><td>{@code jira.ratelimit.points.remaining}</td><td>gauge</td><td>—</td></tr>
 *   <tr><td>{@code jira.token.refreshes}</td><td>counter</td><td>{@code outcome}</td></tr>
 *   <tr><td>{@code jira.token.store.write.failures}</td><td>counter</td><td>—</td></tr>
 *   <tr><td>{@code jira.authorizations}</td><td>counter</td><td>—</td></tr>
 * </table>
 *
 * Meters never carry a token, a grant id or an account id. Thread-safe.
 */
public final class JiraMetrics {
  /** {@code status} of an attempt that got no HTTP answer (connection fault). */
  public static final String NO_RESPONSE = "none";
  private final MeterRegistry registry;
  private final Tags common;
  private final EndpointTemplates endpoints = new EndpointTemplates();
  private final AtomicLong pointsRemaining = new AtomicLong(-1);

  private JiraMetrics(Builder b) {
    this.registry = b.registry;
    this.common = b.tags;
    Gauge.builder("jira.ratelimit.points.remaining", pointsRemaining, p -> p.get() < 0 ? Double.NaN : p.get())
        .description("Points left in the hourly quota as Jira last reported them (NaN until it does)")
        .tags(common).register(registry);
  }

  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /** For {@link dev.jirasdk.auth.AtlassianOAuth.Builder#requestListener}. */
  public RequestListener requestListener() {
    return new RequestListener() {
      @Override
      public void answered(RequestEvent e) {
        String endpoint = endpoints.of(e.path());
        String status = e.status() == RequestEvent.NO_RESPONSE ? NO_RESPONSE : Integer.toString(e.status());
        Timer.builder("jira.requests").description("Jira API request attempts")
            .tags(common).tags("method", e.method(), "endpoint", endpoint, "status", status)
            .register(registry).record(e.elapsed());
        if (e.status() == 429) {
          Counter.builder("jira.ratelimited").description("Requests Jira refused with 429, by RateLimit-Reason")
              .tags(common).tags("reason", e.rateLimitReason() == null ? "unknown" : e.rateLimitReason(),
                  "method", e.method(), "endpoint", endpoint)
              .register(registry).increment();
        }
        if (e.pointsRemaining() >= 0) pointsRemaining.set(e.pointsRemaining());
      }

      @Override
      public void retrying(String connectionId, String method, String path, int attempt, int status,
          Duration delay) {
        Counter.builder("jira.retries").description("Attempts the client sends again")
            .tags(common).tags("method", method, "endpoint", endpoints.of(path),
                "status", status == RequestEvent.NO_RESPONSE ? NO_RESPONSE : Integer.toString(status))
            .register(registry).increment();
      }
    };
  }

  /** For {@link dev.jirasdk.auth.AtlassianOAuth.Builder#listener}. */
  public TokenListener tokenListener() {
    return tokenListener(TokenListener.NONE);
  }

  /** Counts token events, then passes each to {@code delegate} (the host's own listener). */
  public TokenListener tokenListener(TokenListener delegate) {
    Objects.requireNonNull(delegate, "delegate == null");
    return new TokenListener() {
      @Override
      public void refreshed(String grantId, Instant expiresAt) {
        refresh("success");
        delegate.refreshed(grantId, expiresAt);
      }

      @Override
      public void transientFailure(String grantId, int attempt, String reason) {
        refresh("transient_failure");
        delegate.transientFailure(grantId, attempt, reason);
      }

      @Override
      public void reauthorizationRequired(String grantId, String error) {
        refresh("reauthorization_required");
        delegate.reauthorizationRequired(grantId, error);
      }

      @Override
      public void storeWriteFailed(String grantId, String reason) {
        Counter.builder("jira.token.store.write.failures").description("Refreshed token pairs the store rejected")
            .tags(common).register(registry).increment();
        delegate.storeWriteFailed(grantId, reason);
      }

      @Override
      public void authorized(String grantId, int sites) {
        Counter.builder("jira.authorizations").description("Completed consents").tags(common)
            .register(registry).increment();
        delegate.authorized(grantId, sites);
      }

      @Override
      public void reconsentDue(String grantId, Instant familyExpiresAt) {
        Counter.builder("jira.token.reconsent.due")
            .description("Grants whose refresh-token family ends soon, so their user must consent again")
            .tags(common).register(registry).increment();
        delegate.reconsentDue(grantId, familyExpiresAt);
      }
    };
  }

  private void refresh(String outcome) {
    Counter.builder("jira.token.refreshes").description("Token refreshes by outcome")
        .tags(common).tag("outcome", outcome).register(registry).increment();
  }

  @Override
  public String toString() {
    return "JiraMetrics[" + registry.getClass().getSimpleName() + common + "]";
  }

  /** Configures {@link JiraMetrics}. Not thread-safe. */
  public static final class Builder {
    private final MeterRegistry registry;
    private Tags tags = Tags.empty();

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry == null");
    }

    /** Tags added to every meter, as key-value pairs. */
    public Builder tags(String... keyValues) {
      Objects.requireNonNull(keyValues, "keyValues == null");
      if (keyValues.length % 2 != 0) throw new IllegalArgumentException("tags come in key-value pairs");
      this.tags = tags.and(keyValues);
      return this;
    }

    public Builder tags(Iterable<Tag> tags) {
      this.tags = this.tags.and(Objects.requireNonNull(tags, "tags == null"));
      return this;
    }

    public JiraMetrics build() {
      return new JiraMetrics(this);
    }
  }
}
