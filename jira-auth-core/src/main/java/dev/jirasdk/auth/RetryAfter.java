package dev.jirasdk.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads {@code Retry-After}: delta seconds or an HTTP date. */
final class RetryAfter {
  private static final Duration MAX = Duration.ofHours(1);

  private RetryAfter() {}

  static Optional<Duration> parse(String header, Clock clock) {
    if (header == null || header.isBlank()) return Optional.empty();
    String h = header.trim();
    try {
      long seconds = Long.parseLong(h);
      return Optional.of(clamp(Duration.ofSeconds(Math.max(0, seconds))));
    } catch (NumberFormatException ignored) {
      // not delta-seconds; try an HTTP date
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(clamp(d.isNegative() ? Duration.ZERO : d));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration clamp(Duration d) {
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
