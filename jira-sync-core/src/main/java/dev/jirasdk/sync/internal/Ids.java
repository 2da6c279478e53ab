package dev.jirasdk.sync.internal;

/**
 * Ids that come from Jira and go into JQL, a path or a request body are checked here first: project, issue and
 * worklog ids are decimal numbers. A bad one is reported for its item ({@code SyncError.Kind.INVALID_ID}) and the
 * item is skipped; it never reaches a query.
 */
final class Ids {
  private Ids() {}

  /** 1 to 19 ASCII digits. */
  static boolean numeric(String id) {
    if (id == null || id.isEmpty() || id.length() > 19) return false;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  /** The id as it may appear in a message or a partition name: quoted, control characters escaped, short. */
  static String shown(String id) {
    if (id == null) return "null";
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < id.length() && i < 40; i++) {
      char c = id.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    if (id.length() > 40) sb.append("…");
    return sb.append('"').toString();
  }
}
