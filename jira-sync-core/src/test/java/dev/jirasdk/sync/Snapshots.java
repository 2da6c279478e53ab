package dev.jirasdk.sync;

import java.util.Map;
import java.util.TreeMap;

/** What a store holds, comparable across fakes (typed columns only: raw JSON carries the fake's port). */
final class Snapshots {
  private Snapshots() {}

  static Map<String, String> of(SyncStore store, String conn, Entity entity) {
    Map<String, String> out = new TreeMap<>();
    RecordCursor after = null;
    while (true) {
      RecordPage p = store.records(conn, entity, after, 500, true);
      for (StoredRecord r : p.items()) {
        out.put(r.record().id(), (r.deleted() ? "DELETED " : "") + r.record().parentId() + " "
            + new TreeMap<>(r.record().columns()));
      }
      if (p.next().isEmpty()) return out;
      after = p.next().get();
    }
  }
}
