package dev.jirasdk.sync.internal;

import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sprint membership ({@link Entity#SPRINT_ISSUES}) read from the issues the issue search already returns: the
 * Sprint custom field lists every sprint an issue went through, closed ones included, so one record per issue and
 * sprint costs no request beyond the search (measured against {@code sprint/{id}/issue} in {@code docs/sync.md}).
 * The field's id differs per site; it is found by its custom type in the field catalogue the run reads once for
 * every custom field ({@link IssueStreams}).
 */
final class SprintMembership {
  private SprintMembership() {}

  /**
   * The Sprint field's id in the run's field catalogue (its custom type {@code gh-sprint}, {@link
   * dev.jirasdk.sync.FieldRole#SPRINT}), or null when the site has none or the catalogue could not be read: then no
   * membership rows are written or removed.
   */
  static String fieldId(FieldCatalogue fields) {
    List<String> ids = fields.withRole(dev.jirasdk.sync.FieldRole.SPRINT);
    return ids.isEmpty() ? null : ids.get(0);
  }

  /** One record per sprint the issue's Sprint field lists (id {@code <issueId>:<sprintId>}). */
  static List<SyncRecord> of(Object issue, String issueId, String fieldId) {
    List<SyncRecord> out = new ArrayList<>();
    for (RawItem sp : Json.items(issue, "fields", fieldId)) {
      String sprintId = Json.str(sp.value(), "id");
      if (sprintId == null || !Ids.numeric(sprintId)) continue;
      Map<String, Object> c = new LinkedHashMap<>();
      c.put(Columns.SprintIssue.ISSUE_ID, issueId);
      c.put(Columns.SprintIssue.SPRINT_ID, sprintId);
      out.add(sp.record(Entity.SPRINT_ISSUES, issueId + ":" + sprintId, issueId, null, c));
    }
    return out;
  }
}
