package dev.jirasdk.testkit;

import dev.jirasdk.testkit.Exchange.Req;
import dev.jirasdk.testkit.Exchange.Resp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The paging misbehaviours of {@link FaultType} ({@code PAGE_*}): a server that answers well-formed pages whose
 * paging lies. They change only successful JSON pages (PageBean {@code startAt/total/isLast}, token pages
 * {@code nextPageToken/isLast}, change feeds {@code since/until/lastPage}); any other answer passes unchanged.
 * Every page stays valid against the spec (the members keep their types; invented items carry the members the
 * spec requires of a comment or a catalogue entry).
 */
final class PageFaults {
  /** Ids of invented items start here, far above anything the data sets generate (child ids are issue id × 10,000). */
  static final long INVENTED_ID_BASE = 900_000_000_000L;
  static final long ABSURD_TOTAL = Integer.MAX_VALUE;

  private PageFaults() {}

  static boolean isPageFault(FaultType f) {
    return f.name().startsWith("PAGE_");
  }

  /** Applies {@code fault} to the answer of {@code req}; {@code route} answers a (rewritten) request. */
  static Resp apply(FaultType fault, Req req, Resp real, Function<Req, Resp> route) {
    if (fault == FaultType.PAGE_REPEATED) {
      Req first = firstPageOf(req);
      if (first != req) real = route.apply(first);
    }
    if (real.status != 200 || !String.valueOf(real.headers.get("Content-Type")).contains("json")) return real;
    Object tree = Json.parse(new String(real.body, StandardCharsets.UTF_8));
    if (!(tree instanceof Map<?, ?> m)) return real;
    @SuppressWarnings("unchecked")
    Map<String, Object> page = new LinkedHashMap<>((Map<String, Object>) integral(m));
    switch (fault) {
      case PAGE_NEVER_LAST -> {
        claimMore(page, req);
        invent(page, req);
      }
      case PAGE_TOTAL_NEVER_REACHED -> {
        if (page.remove("isLast") == null && !page.containsKey("total")) return real;
        long total = num(page.get("total"), 0);
        page.put("total", total + 1_000);
      }
      case PAGE_ABSURD_TOTAL -> {
        if (!page.containsKey("total") && !page.containsKey("isLast")) return real;
        page.remove("isLast");
        page.put("total", ABSURD_TOTAL);
        invent(page, req);
      }
      case PAGE_REPEATED -> claimMore(page, req);
      case PAGE_START_AT_STUCK -> {
        if (!page.containsKey("startAt")) return real;
        page.put("startAt", 0);
      }
      case PAGE_SAME_TOKEN -> {
        String sent = tokenOf(req);
        if (sent == null) return real; // the first page keeps its own token
        page.put("nextPageToken", sent);
        page.put("isLast", false);
      }
      default -> {
        return real;
      }
    }
    Resp r = Resp.json(200, page);
    r.headers.putAll(real.headers);
    r.points = real.points;
    r.accountId = real.accountId;
    r.cloudId = real.cloudId;
    return r;
  }

  /** Says there is more: {@code isLast:false} or {@code lastPage:false} (with {@code until} moved on). */
  private static void claimMore(Map<String, Object> page, Req req) {
    if (page.containsKey("isLast") || page.containsKey("startAt")) page.put("isLast", false);
    if (page.containsKey("lastPage")) {
      page.put("lastPage", false);
      long since = num(req.param("since"), 0);
      page.put("until", Math.max(num(page.get("until"), 0), since + 1));
    }
  }

  /** An empty page past the end is filled with invented items of fresh ids, as a random-data server would. */
  private static void invent(Map<String, Object> page, Req req) {
    String field = page.containsKey("comments") ? "comments" : page.containsKey("values") ? "values" : null;
    if (field == null || !(page.get(field) instanceof List<?> items) || !items.isEmpty()) return;
    if (page.containsKey("lastPage")) return; // a feed's items are ids of real worklogs: never invented
    long startAt = num(req.param("startAt"), 0);
    long max = Math.max(1, Math.min(100, num(req.param("maxResults"), 50)));
    List<Object> invented = new ArrayList<>();
    for (long i = 0; i < max; i++) {
      String id = Long.toString(INVENTED_ID_BASE + startAt + i);
      if (field.equals("comments")) {
        invented.add(Json.obj("id", id, "self", "https://invented.example/comment/" + id,
            "body", Render.adf("invented comment " + id), "created", "2026-01-01T00:00:00.000+0000",
            "updated", "2026-01-01T00:00:00.000+0000", "jsdPublic", true));
      } else {
        invented.add(Json.obj("id", id, "name", "invented " + id, "self", "https://invented.example/" + id));
      }
    }
    page.put(field, invented);
    if (page.containsKey("maxResults")) page.put("maxResults", max);
  }

  /** The same request asking for the first page: no {@code startAt}, no token, {@code since} as sent. */
  private static Req firstPageOf(Req req) {
    if (req.param("startAt") != null) {
      StringBuilder q = new StringBuilder();
      for (Map.Entry<String, List<String>> e : req.params.entrySet()) {
        if (e.getKey().equals("startAt")) continue;
        for (String v : e.getValue()) {
          if (q.length() > 0) q.append('&');
          q.append(Exchange.encode(e.getKey())).append('=').append(Exchange.encode(v));
        }
      }
      return new Req(req.method, req.path, q.toString(), req.headers, req.body, req.origin);
    }
    if (req.method.equals("POST") && tokenOf(req) != null) {
      Object body = Json.parse(req.bodyText());
      if (body instanceof Map<?, ?> m) {
        Map<Object, Object> copy = new LinkedHashMap<>(m);
        copy.remove("nextPageToken");
        return new Req(req.method, req.path, req.query, req.headers, Json.bytes(copy), req.origin);
      }
    }
    if (req.param("nextPageToken") != null) {
      return firstPageOf(new Req(req.method, req.path, req.query.replaceAll("(^|&)nextPageToken=[^&]*", ""),
          req.headers, req.body, req.origin));
    }
    return req;
  }

  private static String tokenOf(Req req) {
    String t = req.param("nextPageToken");
    if (t != null) return t;
    if (!req.method.equals("POST")) return null;
    Object body = Json.parse(req.bodyText());
    return body instanceof Map<?, ?> m && m.get("nextPageToken") instanceof String s ? s : null;
  }

  /** Moshi reads every number as a double: whole ones go back as integers, as the spec types them. */
  private static Object integral(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e15) return d.longValue();
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, integral(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object x : l) out.add(integral(x));
      return out;
    }
    return v;
  }

  private static long num(Object v, long dflt) {
    if (v instanceof Number n) return n.longValue();
    if (v instanceof String s) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        return dflt;
      }
    }
    return dflt;
  }
}
