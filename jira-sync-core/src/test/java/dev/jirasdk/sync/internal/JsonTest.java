package dev.jirasdk.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void jiraTimestampsParseWithoutTheFormatterAndAgreeWithIt() {
    String[] texts = {"2026-01-05T10:11:12.345+0000", "2026-01-05T10:11:12.345-0730", "2024-02-29T23:59:59.999+1400",
      "2026-01-05T10:11:12+01:00", "2026-01-05T10:11:12.1Z", "2026-12-31T00:00:00.123456789-05:00",
      "1999-03-01T00:00:00.000+0100"};
    for (String t : texts) {
      Instant fast = Json.jiraTime(t);
      Instant slow = OffsetDateTime.parse(t.replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant();
      assertEquals(slow, fast, t);
      assertEquals(slow, Json.instant(Map.of("at", t), "at"), t);
    }
  }

  @Test
  void unusualTimestampsFallBackToTheFormatterOrToNull() {
    assertNull(Json.jiraTime("2026-02-30T10:11:12.000+0000"));
    assertNull(Json.jiraTime("2026-01-05 10:11:12.000+0000"));
    assertNull(Json.jiraTime("2026-01-05T10:11:12.000"));
    assertNull(Json.jiraTime("2026-01-05T25:11:12.000+0000"));
    assertEquals(Instant.parse("2026-01-05T10:11:12Z"), Json.instant(Map.of("at", "2026-01-05T10:11:12Z"), "at"));
    assertEquals(Instant.ofEpochMilli(1_732_400_000_000L), Json.instant(Map.of("at", 1_732_400_000_000L), "at"));
    assertNull(Json.instant(Map.of("at", "soon"), "at"));
  }
}
