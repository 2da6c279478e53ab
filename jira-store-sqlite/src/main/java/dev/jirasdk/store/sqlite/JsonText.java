package dev.jirasdk.store.sqlite;

import dev.jirasdk.store.jdbc.StoredJson;

/** The shared JSON of typed columns and run summaries ({@link StoredJson}) under the name the sync tables use. */
final class JsonText {
  private JsonText() {}

  static String write(Object value) {
    return StoredJson.write(value);
  }

  static Object read(String json) {
    return StoredJson.read(json);
  }
}
