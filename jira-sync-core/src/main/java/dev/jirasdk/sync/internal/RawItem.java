package dev.jirasdk.sync.internal;

import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * One element of a page: its JSON exactly as received (a slice of the body, decoded to text only when asked)
 * and the same value decoded (a {@code Map}, {@code List}, {@code String}, {@code Long}, {@code Double},
 * {@code Boolean} or null). {@code key} is the member name for object-shaped pages (e.g. {@code permissions}),
 * else null.
 */
public final class RawItem {
  private final String key;
  private final Utf8Json.Slots slots;
  private final int index;

  RawItem(String key, Utf8Json.Slots slots, int index) {
    this.key = key;
    this.slots = slots;
    this.index = index;
  }

  /** An item decoded from a JSON text (tests, canned answers). */
  public static RawItem of(String key, String json) {
    return new RawItem(key, Utf8Json.root(json.getBytes(StandardCharsets.UTF_8)), 0);
  }

  public String key() {
    return key;
  }

  /** The raw JSON text. */
  public String json() {
    return slots.rawText(index);
  }

  /** The raw JSON as UTF-8 bytes (a copy). */
  public byte[] utf8() {
    return slots.raw(index);
  }

  /** A record whose raw JSON is this item's bytes. */
  SyncRecord record(Entity entity, String id, String parentId, Instant updated, Map<String, Object> columns) {
    int from = slots.from(index);
    return SyncRecord.ofUtf8(entity, id, parentId, updated, columns, slots.src, from, slots.to(index) - from);
  }

  public Object value() {
    return slots.value(index);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> object() {
    return value() instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @Override
  public String toString() {
    return "RawItem[" + (key == null ? "" : key + " ") + (slots.to(index) - slots.from(index)) + " bytes]";
  }
}
