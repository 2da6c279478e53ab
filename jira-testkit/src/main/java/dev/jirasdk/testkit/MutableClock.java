package dev.jirasdk.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that only moves when a test moves it. The fake's tokens, codes, page tokens, rate-limit
 * windows and generated timestamps all read this clock, so a test can expire an access token or reach the
 * 90-day refresh-token limit without sleeping.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
 * FakeJiraCloud fake = FakeJiraCloud.builder().clock(clock).build();
 * clock.advance(Duration.ofHours(2)); // every access token issued before is now expired
 * }</pre>
 *
 * <p>Thread-safe. Share one instance between the fake and the code under test to keep both on the same time.
 */
public final class MutableClock extends Clock {
  /** The instant a clock created with {@link #create()} starts at: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock standing at {@link #DEFAULT_START} in UTC. */
  public static MutableClock create() {
    return startingAt(DEFAULT_START);
  }

  /** A clock standing at {@code start} in UTC. */
  public static MutableClock startingAt(Instant start) {
    Objects.requireNonNull(start, "start == null");
    return new MutableClock(new AtomicReference<>(start), ZoneOffset.UTC);
  }

  /** Moves the clock forward (or backward, for a negative duration). */
  public void advance(Duration d) {
    Objects.requireNonNull(d, "d == null");
    now.updateAndGet(t -> t.plus(d));
  }

  /** Puts the clock at {@code t}. */
  public void set(Instant t) {
    Objects.requireNonNull(t, "t == null");
    now.set(t);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public long millis() {
    return now.get().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view of the same moving time in another zone; advancing either moves both. */
  @Override
  public Clock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone == null");
    return new MutableClock(now, zone);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
