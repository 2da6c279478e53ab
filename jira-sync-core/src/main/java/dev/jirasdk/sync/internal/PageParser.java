package dev.jirasdk.sync.internal;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Reads a page as it streams: keeps each item's raw JSON (via {@link JsonReader#nextSource()}) and decodes it
 * once. Shapes: a top-level array, or an object whose {@code itemsField} is an array (or, for
 * {@code objectEntries}, an object whose members are the items).
 */
public final class PageParser {
  private PageParser() {}

  public static JsonPage parse(BufferedSource source, String itemsField, boolean objectEntries) throws IOException {
    JsonReader reader = JsonReader.of(source);
    List<RawItem> items = new ArrayList<>();
    Map<String, Object> meta = new LinkedHashMap<>();
    JsonReader.Token top = reader.peek();
    if (top == JsonReader.Token.BEGIN_ARRAY) {
      readArray(reader, items);
    } else if (top == JsonReader.Token.BEGIN_OBJECT) {
      reader.beginObject();
      boolean sawItems = false;
      while (reader.hasNext()) {
        String name = reader.nextName();
        if (name.equals(itemsField)) {
          sawItems = true;
          JsonReader.Token t = reader.peek();
          if (t == JsonReader.Token.BEGIN_ARRAY) {
            readArray(reader, items);
          } else if (t == JsonReader.Token.BEGIN_OBJECT && objectEntries) {
            reader.beginObject();
            while (reader.hasNext()) {
              String key = reader.nextName();
              items.add(readItem(reader, key));
            }
            reader.endObject();
          } else if (t == JsonReader.Token.NULL) {
            reader.nextNull();
          } else {
            throw new com.squareup.moshi.JsonDataException(
                "expected " + (objectEntries ? "object" : "array") + " at " + reader.getPath() + " but was " + t);
          }
        } else {
          meta.put(name, reader.readJsonValue());
        }
      }
      reader.endObject();
      if (!sawItems && itemsField != null) meta.put("$missingItems", Boolean.TRUE);
    } else {
      throw new com.squareup.moshi.JsonDataException("expected object or array at $ but was " + top);
    }
    return new JsonPage(items, meta);
  }

  private static void readArray(JsonReader reader, List<RawItem> items) throws IOException {
    reader.beginArray();
    while (reader.hasNext()) items.add(readItem(reader, null));
    reader.endArray();
  }

  private static RawItem readItem(JsonReader reader, String key) throws IOException {
    Buffer buffer = new Buffer();
    try (BufferedSource s = reader.nextSource()) {
      buffer.writeAll(s);
    }
    String json = buffer.snapshot().utf8();
    Object value = JsonReader.of(buffer).readJsonValue();
    return new RawItem(key, json, value);
  }

  /** Decodes a small JSON text (tests, canned pages). */
  public static JsonPage parse(String json, String itemsField, boolean objectEntries) {
    try {
      return parse(new Buffer().writeUtf8(json), itemsField, objectEntries);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
