package dev.jirasdk.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scoped API token as {@link JiraCredentials}: HTTP Basic ({@code email:token}) through the gateway,
 * {@code {apiBase}/ex/jira/{cloudId}/…} (Atlassian refuses scoped tokens on the site URL).
 *
 * <pre>{@code
 * ApiTokenCredentials token = ApiTokenCredentials.builder()
 *     .email("bot@example.com")
 *     .apiToken(System.getenv("JIRA_API_TOKEN"))
 *     .expiresAt(Instant.parse("2027-03-01T00:00:00Z"))   // as Atlassian showed it at creation
 *     .onExpiringSoon((id, expiresAt) -> alerts.send(id + " expires " + expiresAt))
 *     .build();
 * JiraClient jira = JiraClient.builder().credentials(token).cloudId(cloudId).build();
 * }</pre>
 *
 * <p>Nothing refreshes an API token: a 401 is final ({@link ApiTokenException} with
 * {@link ApiTokenException.Reason#REJECTED}, after exactly one request), and once {@link #expiresAt()} has passed
 * every request is refused before it is sent ({@link ApiTokenException.Reason#EXPIRED}). API tokens expire within
 * a year; Atlassian shows the date when the token is created, so pass it to {@link Builder#expiresAt}: within
 * {@link Builder#warnAhead} of it (default {@value #DEFAULT_WARN_AHEAD_DAYS} days) the first request logs a
 * warning and calls the {@link Builder#onExpiringSoon} listener, once per instance.
 *
 * <p>Immutable (but for that one-time warning) and thread-safe; {@code toString()} never shows the token.
 */
public final class ApiTokenCredentials implements JiraCredentials {
  private static final Logger log = LoggerFactory.getLogger(ApiTokenCredentials.class);

  /** Days before {@link #expiresAt()} when the expiry warning is given, by default. */
  public static final int DEFAULT_WARN_AHEAD_DAYS = 14;

  private final String email;
  private final String header;
  private final @Nullable Instant expiresAt;
  private final Set<String> scopes;
  private final Clock clock;
  private final Duration warnAhead;
  private final ExpiryListener listener;
  private final AtomicBoolean warned = new AtomicBoolean();

  private ApiTokenCredentials(Builder b) {
    this.email = b.email;
    this.header = "Basic " + Base64.getEncoder()
        .encodeToString((b.email + ":" + b.apiToken).getBytes(StandardCharsets.UTF_8));
    this.expiresAt = b.expiresAt;
    this.scopes = Set.copyOf(b.scopes);
    this.clock = b.clock;
    this.warnAhead = b.warnAhead;
    this.listener = b.listener;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The Atlassian account's email the token belongs to. */
  public String email() {
    return email;
  }

  /** When the token stops working, if the host said; empty if unknown. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** Whether the token expires within {@code window} from now (false when the expiry is unknown). */
  public boolean expiresWithin(Duration window) {
    Objects.requireNonNull(window, "window == null");
    return expiresAt != null && !clock.instant().plus(window).isBefore(expiresAt);
  }

  /** {@code api-token:{email}}. */
  @Override
  public String id() {
    return "api-token:" + email;
  }

  @Override
  public Set<String> scopes() {
    return scopes;
  }

  /**
   * The Basic header.
   *
   * @throws ApiTokenException with {@link ApiTokenException.Reason#EXPIRED} once {@link #expiresAt()} has passed
   */
  @Override
  public String authorization() {
    if (expiresAt != null) {
      Instant now = clock.instant();
      if (!now.isBefore(expiresAt)) {
        throw new ApiTokenException(ApiTokenException.Reason.EXPIRED, id(), expiresAt,
            "the API token of " + email + " expired at " + expiresAt + "; nothing was sent. Create a new token "
                + "in the account's security settings and pass it with its new expiry");
      }
      if (!now.plus(warnAhead).isBefore(expiresAt) && warned.compareAndSet(false, true)) {
        log.warn("the API token of {} expires at {}; create a new one before then", email, expiresAt);
        try {
          listener.expiringSoon(id(), expiresAt);
        } catch (RuntimeException e) {
          log.warn("expiry listener of {} failed; ignored", id(), e);
        }
      }
    }
    return header;
  }

  /**
   * Always final: an API token cannot be refreshed.
   *
   * @throws ApiTokenException with {@link ApiTokenException.Reason#REJECTED}
   */
  @Override
  public @Nullable String afterUnauthorized(String rejected) {
    throw new ApiTokenException(ApiTokenException.Reason.REJECTED, id(), expiresAt,
        "Jira rejected the API token of " + email + " (HTTP 401): it was revoked or has expired, or the email "
            + "does not match it" + (expiresAt == null ? "" : " (expiry given: " + expiresAt + ")")
            + ". An API token cannot be refreshed; the request was not repeated. Create a new token");
  }

  @Override
  public String toString() {
    return "ApiTokenCredentials[email=" + email + ", expiresAt=" + expiresAt + ", token=***]";
  }

  /** Hears that an API token is close to its expiry. */
  @FunctionalInterface
  public interface ExpiryListener {
    ExpiryListener NONE = (id, expiresAt) -> {};

    /** Called once per {@link ApiTokenCredentials} instance, on the thread of the first request in the window. */
    void expiringSoon(String credentialsId, Instant expiresAt);
  }

  /**
   * Configures {@link ApiTokenCredentials}. Essentials: {@link #email}, {@link #apiToken}; frequently used:
   * {@link #expiresAt}, {@link #onExpiringSoon}, {@link #scopes}. Not thread-safe; {@link #build()} leaves it
   * unchanged.
   */
  public static final class Builder {
    private String email;
    private String apiToken;
    private @Nullable Instant expiresAt;
    private final Set<String> scopes = new LinkedHashSet<>();
    private Clock clock = Clock.systemUTC();
    private Duration warnAhead = Duration.ofDays(DEFAULT_WARN_AHEAD_DAYS);
    private ExpiryListener listener = ExpiryListener.NONE;

    private Builder() {}

    /** Essential: the email of the Atlassian account that created the token. */
    public Builder email(String email) {
      this.email = email;
      return this;
    }

    /** Essential: the token. Never logged or printed. */
    public Builder apiToken(String apiToken) {
      this.apiToken = apiToken;
      return this;
    }

    /** When the token expires, as Atlassian showed it at creation. Unknown if not set (then nothing warns). */
    public Builder expiresAt(@Nullable Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** The scopes the token was created with, for permission messages. Replaces earlier calls. */
    public Builder scopes(String... scopes) {
      return scopes(List.of(scopes));
    }

    public Builder scopes(Collection<String> scopes) {
      this.scopes.clear();
      for (String s : scopes) {
        Objects.requireNonNull(s, "scope == null");
        this.scopes.add(s);
      }
      return this;
    }

    /** How long before the expiry the warning comes. Default {@value #DEFAULT_WARN_AHEAD_DAYS} days. */
    public Builder warnAhead(Duration warnAhead) {
      this.warnAhead = warnAhead;
      return this;
    }

    /** Called once when a request is made within {@link #warnAhead} of the expiry. */
    public Builder onExpiringSoon(ExpiryListener listener) {
      this.listener = listener;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalStateException naming every missing or bad field
     */
    public ApiTokenCredentials build() {
      List<String> problems = new ArrayList<>();
      if (email == null || email.isBlank()) {
        problems.add("email is missing");
      } else if (!email.contains("@") || email.contains(":") || email.strip().length() != email.length()) {
        problems.add("email must be an account's email address (with an @, no ':' or surrounding spaces): " + email);
      }
      if (apiToken == null || apiToken.isBlank()) {
        problems.add("apiToken is missing");
      } else if (apiToken.strip().length() != apiToken.length()) {
        problems.add("apiToken has leading or trailing whitespace (a copy-paste slip?)");
      }
      if (clock == null) problems.add("clock is null");
      if (listener == null) problems.add("onExpiringSoon listener is null");
      if (warnAhead == null || warnAhead.isNegative()) problems.add("warnAhead must be zero or more: " + warnAhead);
      if (!problems.isEmpty()) {
        throw new IllegalStateException("invalid ApiTokenCredentials: " + String.join("; ", problems));
      }
      return new ApiTokenCredentials(this);
    }
  }
}
