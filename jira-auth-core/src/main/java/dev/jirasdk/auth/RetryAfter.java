package dev.jirasdk.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one reader of {@code Retry-After} in the SDK (the client's retries, the token endpoint and the sync's
 * rate governor all use it): delta seconds (whole or decimal, rounded up to the millisecond) or an HTTP date
 * (a date in the past means "now"). Negative or unreadable values are absent; waits are capped at one hour, so
 * a broken header cannot stall a process for days.
 */
public final class RetryAfter {
  /** The longest wait a header can ask for. */
  public static final Duration MAX = Duration.ofHours(1);

  private RetryAfter() {}

  /** The wait {@code header} asks for, measured from {@code clock} for HTTP dates. */
  public static Optional<Duration> parse(String header, Clock clock) {
    if (header == null || header.isBlank()) return Optional.empty();
    String h = header.trim();
    if (h.chars().allMatch(c -> c == '.' || c == '-' || c == '+' || Character.isDigit(c))) {
      try {
        double seconds = Double.parseDouble(h);
        if (seconds < 0 || Double.isNaN(seconds)) return Optional.empty();
        if (seconds >= MAX.toSeconds()) return Optional.of(MAX);
        return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : d.compareTo(MAX) > 0 ? MAX : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
