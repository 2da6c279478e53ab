package dev.jirasdk.sync.internal;

import java.util.List;
import java.util.Map;

/** A decoded page: its items and every other top-level member (paging metadata). */
public record JsonPage(List<RawItem> items, Map<String, Object> meta) {
  public JsonPage {
    items = List.copyOf(items);
  }

  public Object meta(String name) {
    return meta.get(name);
  }

  public Boolean metaBoolean(String name) {
    Object v = meta.get(name);
    return v instanceof Boolean b ? b : null;
  }

  public Long metaLong(String name) {
    Object v = meta.get(name);
    if (v instanceof Number n) return n.longValue();
    if (v instanceof String s && !s.isEmpty()) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  public String metaString(String name) {
    Object v = meta.get(name);
    return v instanceof String s ? s : null;
  }
}
