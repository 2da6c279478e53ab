package dev.jirasdk.store.jdbc;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Instants as the SQL stores keep them: UTC text with exactly nine fractional digits ({@code 2026-11-23T10:15:30.000000000Z}), so
 * that text order is time order (plain SQL can compare and sort them) and an {@link Instant} reads back
 * exactly as written. Years outside 0000-9999 are written as {@link Instant#toString()} does.
 */
public final class StoredTimes {
  private StoredTimes() {}

  public static @Nullable String format(@Nullable Instant instant) {
    if (instant == null) return null;
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 0 || year > 9999) return instant.toString();
    char[] out = new char[30];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, t.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, t.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, t.getHour(), 2);
    out[13] = ':';
    digits(out, 14, t.getMinute(), 2);
    out[16] = ':';
    digits(out, 17, t.getSecond(), 2);
    out[19] = '.';
    digits(out, 20, instant.getNano(), 9);
    out[29] = 'Z';
    return new String(out);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  public static @Nullable Instant parse(@Nullable String text) {
    return text == null ? null : Instant.parse(text);
  }
}
