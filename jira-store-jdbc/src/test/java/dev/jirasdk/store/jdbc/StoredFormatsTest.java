package dev.jirasdk.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.format.DateTimeFormatterBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoredFormatsTest {
  @Test
  void timestampsHaveNineFractionalDigitsRoundTripAndSortAsText() {
    var reference = new DateTimeFormatterBuilder().appendInstant(9).toFormatter(Locale.ROOT);
    Random random = new Random(42);
    Instant previous = null;
    for (int i = 0; i < 2000; i++) {
      Instant t = Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE) * 4L - 4_000_000_000L,
          random.nextInt(1_000_000_000));
      String text = StoredTimes.format(t);
      assertEquals(reference.format(t), text);
      assertEquals(30, text.length());
      assertEquals(t, StoredTimes.parse(text));
      if (previous != null) {
        assertEquals(Integer.signum(previous.compareTo(t)), Integer.signum(StoredTimes.format(previous).compareTo(text)));
      }
      previous = t;
    }
    assertEquals("1970-01-01T00:00:00.000000000Z", StoredTimes.format(Instant.EPOCH));
    assertEquals("2026-11-23T10:15:30.000000001Z", StoredTimes.format(Instant.parse("2026-11-23T10:15:30.000000001Z")));
  }

  @Test
  void jsonRoundTripsWhatTheStoreWrites() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("plain", "text");
    m.put("escapes", "quote \" backslash \\ newline \n tab \t cr \r bell \u0007 unicode é ✓");
    m.put("number", -1234567890123L);
    m.put("flag", true);
    m.put("nothing", null);
    m.put("list", List.of("a", "b", 1L, List.of()));
    m.put("nested", Map.of("k", "v"));
    String json = StoredJson.write(m);
    assertEquals(m, StoredJson.read(json));
    assertTrue(json.contains("\\u0007"), json);
    assertEquals("\"say \\\"hi\\\"\"", StoredJson.write("say \"hi\""));
  }

  @Test
  void malformedJsonIsReportedWithItsOffset() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoredJson.read("{\"a\": [1, }"));
    assertTrue(e.getMessage().contains("offset"), e.getMessage());
  }
}
