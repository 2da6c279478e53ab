package dev.jirasdk.store.sqlite;

import dev.jirasdk.store.jdbc.StoredTimes;
import java.time.Instant;

/** The shared time format ({@link StoredTimes}) under the short name the sync tables use. */
final class Times {
  private Times() {}

  static String format(Instant instant) {
    return StoredTimes.format(instant);
  }

  static Instant parse(String text) {
    return StoredTimes.parse(text);
  }
}
