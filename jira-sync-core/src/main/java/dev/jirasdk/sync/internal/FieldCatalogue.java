package dev.jirasdk.sync.internal;

import dev.jirasdk.sync.FieldRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The custom fields of a site as read once per run: id to name, schema type, custom type and role. */
final class FieldCatalogue {
  record Field(String id, String name, String schemaType, String customType, FieldRole role) {}

  static final FieldCatalogue EMPTY = new FieldCatalogue(Map.of());

  private final Map<String, Field> byId;

  FieldCatalogue(Map<String, Field> byId) {
    this.byId = Map.copyOf(byId);
  }

  /** From the items of {@code field/search?type=custom}. */
  static FieldCatalogue of(List<RawItem> items) {
    Map<String, Field> m = new LinkedHashMap<>();
    for (RawItem f : items) {
      Object v = f.value();
      String id = Json.str(v, "id");
      if (id == null) continue;
      String name = Json.str(v, "name");
      String custom = Json.str(v, "schema", "custom");
      m.put(id, new Field(id, name, Json.str(v, "schema", "type"), custom, FieldRole.of(name, custom).orElse(null)));
    }
    return new FieldCatalogue(m);
  }

  Field get(String id) {
    return byId.get(id);
  }

  /** Ids of the fields with this role, in catalogue order. */
  List<String> withRole(FieldRole role) {
    List<String> out = new ArrayList<>();
    for (Field f : byId.values()) if (f.role() == role) out.add(f.id());
    return out;
  }
}
