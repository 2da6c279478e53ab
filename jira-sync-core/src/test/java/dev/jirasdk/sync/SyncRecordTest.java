package dev.jirasdk.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncRecordTest {
  static final String JSON = "{\"id\":\"10001\",\"fields\":{\"summary\":\"Grüße, 日本語 and 🚀\"}}";

  @Test
  void aRecordBuiltFromTextAndOneBuiltFromItsBytesHashAndReadTheSame() {
    Instant updated = Instant.parse("2026-12-01T10:00:00Z");
    byte[] utf8 = JSON.getBytes(StandardCharsets.UTF_8);
    SyncRecord fromText = new SyncRecord(Entity.ISSUES, "10001", "10000", updated, Map.of("key", "P-1"), JSON);
    SyncRecord fromBytes = SyncRecord.ofUtf8(Entity.ISSUES, "10001", "10000", updated, Map.of("key", "P-1"), utf8, 0,
        utf8.length);
    assertEquals(fromBytes.contentHash(), fromText.contentHash());
    assertArrayEquals(utf8, fromText.rawJsonUtf8());
    assertEquals(JSON, fromBytes.rawJson());
    assertEquals(fromBytes, fromText);
  }

  @Test
  void theBytesHandedOutAreTheCallersCopyAndChangingThemChangesNothing() {
    SyncRecord r = new SyncRecord(Entity.ISSUES, "10001", "10000", null, Map.of(), JSON);
    String hash = r.contentHash(); // encodes the text once and keeps the bytes
    byte[] mine = r.rawJsonUtf8();
    mine[0] = 'X';
    assertEquals(hash, r.contentHash());
    assertArrayEquals(JSON.getBytes(StandardCharsets.UTF_8), r.rawJsonUtf8());
  }
}
