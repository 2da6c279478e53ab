package dev.jirasdk.auth;

/** The one description of a response body that is not the JSON expected (for error messages). */
final class NonJsonBody {
  private NonJsonBody() {}

  /** "empty", "an HTML page (a proxy or gateway error?)", or "not JSON (…)". */
  static String describe(String contentType, String body) {
    String type = contentType == null ? "" : contentType;
    if (body == null || body.isEmpty()) return "empty";
    if (type.toLowerCase(java.util.Locale.ROOT).contains("html") || body.stripLeading().startsWith("<")) {
      return "an HTML page (a proxy or gateway error?)";
    }
    return "not JSON (or truncated), " + body.length() + " chars" + (type.isEmpty() ? "" : " of " + type);
  }
}
