package dev.jirasdk.sync.internal;

import dev.jirasdk.sync.Columns;
import dev.jirasdk.sync.Entity;
import dev.jirasdk.sync.SyncRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sprint membership ({@link Entity#SPRINT_ISSUES}) read from the issues the issue search already returns: the
 * Sprint custom field lists every sprint an issue went through, closed ones included, so one record per issue and
 * sprint costs no request beyond the search (measured against {@code sprint/{id}/issue} in {@code docs/sync.md}).
 * The field's id differs per site; it is found once per run by its custom type in the field catalogue.
 */
final class SprintMembership {
  private static final Logger log = LoggerFactory.getLogger(SprintMembership.class);
  /** The schema custom type of Jira Software's Sprint field. */
  static final String SPRINT_FIELD_TYPE = "com.pyxis.greenhopper.jira:gh-sprint";

  private final RunContext ctx;
  private final Object lock = new Object();
  private boolean resolved;
  private String fieldId;

  SprintMembership(RunContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The Sprint field's id, or null when the site has none (no Jira Software) or it could not be found; looked
   * up once per run (guarded paging, on the executor). Null means: no membership rows are written or removed.
   */
  String fieldId(StreamState s) {
    synchronized (lock) {
      if (resolved) return fieldId;
      try {
        PageBeanPaginator p = new PageBeanPaginator(ctx.fetcher(s, 0), Endpoints.CUSTOM_FIELDS,
            List.of(Map.entry("type", "custom")), 100, "values");
        search:
        while (p.hasNext()) {
          for (RawItem f : p.next().items()) {
            if (SPRINT_FIELD_TYPE.equals(Json.str(f.value(), "schema", "custom"))) {
              fieldId = Json.str(f.value(), "id");
              break search;
            }
          }
        }
        if (fieldId == null) {
          ctx.note(Entity.ISSUES.streamName(), "the site has no Sprint field (" + SPRINT_FIELD_TYPE
              + "): no sprint membership");
        }
      } catch (RunContext.Cancelled c) {
        throw c;
      } catch (RuntimeException e) {
        if (ctx.cancelled()) throw new RunContext.Cancelled();
        log.debug("could not resolve the Sprint field: {}", e.toString());
        ctx.note(Entity.ISSUES.streamName(), "could not find the Sprint field (" + e.getMessage()
            + "): sprint membership was left as it was");
      }
      resolved = true;
      return fieldId;
    }
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
