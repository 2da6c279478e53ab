package dev.jirasdk.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded fault injection per endpoint. Each rule names a path pattern (as in
 * {@link FakeJiraCloud#requestCount(String, String)}, e.g. {@code /rest/api/3/search/jql}; a trailing {@code *}
 * matches any suffix and {@code *} alone matches every request, including {@code /oauth/token}), optionally prefixed
 * by a method ({@code "POST /rest/api/3/issue/bulkfetch"}), a fault type, and either a probability or a count of
 * matching requests to fail. The first matching rule that fires wins.
 *
 * <pre>{@code
 * Faults faults = Faults.builder()
 *     .failNext("/rest/api/3/search/jql", FaultType.HTTP_503_RETRY_AFTER, 2)   // the next two searches
 *     .inject("*", FaultType.CONNECTION_RESET, 0.05)                         // 5 % of everything
 *     .retryAfter(Duration.ofSeconds(1))
 *     .seed(42)
 *     .build();
 * }</pre>
 *
 * Immutable configuration; the counters of a rule live in the fake that uses it. Thread-safe.
 */
public final class Faults {
  /** No faults (the default). */
  public static final Faults NONE = builder().build();

  record Rule(String method, String pattern, FaultType type, double probability, int count) {}

  final List<Rule> rules;
  final long seed;
  final Duration latency;
  final Duration retryAfter;

  private Faults(Builder b) {
    this.rules = List.copyOf(b.rules);
    this.seed = b.seed;
    this.latency = b.latency;
    this.retryAfter = b.retryAfter;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static Faults none() {
    return NONE;
  }

  /** Builds {@link Faults}. Not thread-safe. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private long seed = 1;
    private Duration latency = Duration.ofMillis(200);
    private Duration retryAfter = Duration.ofSeconds(2);

    private Builder() {}

    /** Fails each matching request with the given probability (0..1), decided by the seeded generator. */
    public Builder inject(String pathPattern, FaultType type, double probability) {
      Objects.requireNonNull(pathPattern, "pathPattern == null");
      Objects.requireNonNull(type, "type == null");
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
      }
      rules.add(rule(pathPattern, type, probability, Integer.MAX_VALUE));
      return this;
    }

    /** Fails the next {@code count} matching requests, then none. */
    public Builder failNext(String pathPattern, FaultType type, int count) {
      Objects.requireNonNull(pathPattern, "pathPattern == null");
      Objects.requireNonNull(type, "type == null");
      if (count < 1) {
        throw new IllegalArgumentException("count must be >= 1: " + count);
      }
      rules.add(rule(pathPattern, type, 1.0, count));
      return this;
    }

    private static Rule rule(String pattern, FaultType type, double p, int count) {
      String method = null;
      String path = pattern.trim();
      int sp = path.indexOf(' ');
      if (sp > 0) {
        method = path.substring(0, sp).toUpperCase(java.util.Locale.ROOT);
        path = path.substring(sp + 1).trim();
      }
      return new Rule(method, path, type, p, count);
    }

    /** Delay of {@link FaultType#LATENCY} (default 200 ms). */
    public Builder latency(Duration d) {
      this.latency = Objects.requireNonNull(d, "latency == null");
      return this;
    }

    /** {@code Retry-After} of {@link FaultType#HTTP_503_RETRY_AFTER} (default 2 s). */
    public Builder retryAfter(Duration d) {
      this.retryAfter = Objects.requireNonNull(d, "retryAfter == null");
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Faults build() {
      return new Faults(this);
    }
  }

  /** Live state of a {@link Faults} inside one fake: random generator and per-rule counters. */
  static final class Injector {
    final Faults faults;
    private final SplittableRandom random;
    private final int[] fired;

    Injector(Faults faults) {
      this.faults = faults;
      this.random = new SplittableRandom(faults.seed);
      this.fired = new int[faults.rules.size()];
    }

    synchronized FaultType pick(String method, String pattern) {
      for (int i = 0; i < faults.rules.size(); i++) {
        Rule r = faults.rules.get(i);
        if (r.method() != null && !r.method().equals(method)) {
          continue;
        }
        if (!matches(r.pattern(), pattern)) {
          continue;
        }
        if (fired[i] >= r.count()) {
          continue;
        }
        if (r.probability() >= 1.0 || random.nextDouble() < r.probability()) {
          fired[i]++;
          return r.type();
        }
      }
      return null;
    }

    static boolean matches(String rule, String pattern) {
      if (rule.equals("*")) {
        return true;
      }
      if (rule.endsWith("*")) {
        return pattern.startsWith(rule.substring(0, rule.length() - 1));
      }
      return rule.equals(pattern);
    }
  }
}
