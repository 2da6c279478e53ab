package dev.jirasdk.sync.internal;

import java.util.Map;

/**
 * One element of a page: its JSON exactly as received and the same value decoded (a {@code Map}, {@code List},
 * {@code String}, {@code Double}, {@code Boolean} or null). {@code key} is the member name for object-shaped
 * pages (e.g. {@code permissions}), else null.
 */
public record RawItem(String key, String json, Object value) {
  @SuppressWarnings("unchecked")
  public Map<String, Object> object() {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
