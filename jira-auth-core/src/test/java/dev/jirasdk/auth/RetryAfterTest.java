package dev.jirasdk.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-26T15:00:00Z"), ZoneOffset.UTC);

  @Test
  void wholeAndDecimalSecondsAreReadAndRoundedUpToTheMillisecond() {
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 ", CLOCK));
    assertEquals(Optional.of(Duration.ofMillis(1500)), RetryAfter.parse("1.5", CLOCK));
    assertEquals(Optional.of(Duration.ofMillis(1)), RetryAfter.parse("0.0001", CLOCK));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("0", CLOCK));
  }

  @Test
  void anHttpDateIsMeasuredFromTheClockAndAPastDateMeansNow() {
    assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Thu, 26 Mar 2026 15:01:30 GMT", CLOCK));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Thu, 26 Mar 2026 14:00:00 GMT", CLOCK));
  }

  @Test
  void negativeOrUnreadableValuesAreAbsentAndHugeOnesAreCappedAtAnHour() {
    assertEquals(Optional.empty(), RetryAfter.parse("-3", CLOCK));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", CLOCK));
    assertEquals(Optional.empty(), RetryAfter.parse("1.2.3", CLOCK));
    assertEquals(Optional.empty(), RetryAfter.parse(null, CLOCK));
    assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("99999999999", CLOCK));
    assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("Fri, 27 Mar 2026 15:00:00 GMT", CLOCK));
  }
}
