package dev.jirasdk.store.sqlite;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * Instants as stored: UTC text with exactly nine fractional digits, so that text order is time order (plain
 * SQL can compare and sort them) and an {@link Instant} reads back exactly as written.
 */
final class Times {
  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder().appendInstant(9).toFormatter(Locale.ROOT);

  private Times() {}

  static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant);
  }

  static Instant parse(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
