package dev.jirasdk.jira;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An Atlassian Document Format document: the rich text of descriptions, comments and text custom fields in
 * Jira's v3 API. Build one from plain text, read one as plain text, or keep its JSON as it came.
 *
 * <pre>{@code
 * Adf body = Adf.fromText("Deployed to staging.\n\nSee the runbook:\nhttps://wiki.example.com/run");
 * String text = comment.body().toText();
 * }</pre>
 *
 * <p>{@link #fromText} makes one paragraph per block of text separated by a blank line, and a hard break for
 * each single line break. {@link #toText} reads paragraphs and headings (separated by a blank line), line
 * breaks, mentions ({@code @Name}), emoji, links ({@code text (url)} when the text is not the url), cards,
 * dates, statuses, bullet and ordered lists (one item a line, nested ones indented), code blocks, quotes
 * ({@code > }), rules and tables (one row a line, cells separated by {@code " | "}); any node it does not know
 * is read as the text inside it. Nodes nested deeper than {@value #MAX_DEPTH} levels are left out, so a hostile
 * document cannot exhaust the stack. {@link #plainText(Object)} renders a document already decoded by another
 * JSON reader (the sync engine's) without copying it. Immutable.
 *
 * @param json the document: a {@code {"type":"doc","version":1,"content":[…]}} object (copied, unmodifiable)
 */
public record Adf(Map<String, @Nullable Object> json) {
  private static final Set<String> INLINE = Set.of("text", "hardBreak", "mention", "emoji", "inlineCard", "date",
      "status", "placeholder", "mediaInline", "inlineExtension");

  /** Levels of nesting rendered; deeper nodes are left out of the text. */
  public static final int MAX_DEPTH = 64;

  public Adf {
    Objects.requireNonNull(json, "json == null");
    if (!"doc".equals(json.get("type"))) {
      throw new IllegalArgumentException("an ADF document has \"type\":\"doc\" at its root, got " + json.get("type"));
    }
    if (!(json.get("content") instanceof List)) {
      throw new IllegalArgumentException("an ADF document has a \"content\" array at its root");
    }
    json = JsonTree.frozenObject(json, "json");
  }

  /**
   * A document from plain text: blocks separated by blank lines become paragraphs, single line breaks become
   * hard breaks. Line endings may be {@code \n} or {@code \r\n}. Empty or blank text gives an empty document.
   */
  public static Adf fromText(String text) {
    Objects.requireNonNull(text, "text == null");
    List<Object> paragraphs = new ArrayList<>();
    for (String block : text.replace("\r\n", "\n").split("\n[ \t]*\n")) {
      String b = block.strip();
      if (b.isEmpty()) continue;
      List<Object> inline = new ArrayList<>();
      String[] lines = b.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) inline.add(Map.of("type", "hardBreak"));
        if (!lines[i].isEmpty()) inline.add(Map.of("type", "text", "text", lines[i]));
      }
      paragraphs.add(Map.of("type", "paragraph", "content", inline));
    }
    return new Adf(Map.of("type", "doc", "version", 1, "content", paragraphs));
  }

  /** Whether the document holds no text at all (no content, or only empty paragraphs). */
  public boolean isEmpty() {
    return toText().isBlank();
  }

  /** The document as readable plain text (see the class description for each node). */
  public String toText() {
    return blocks(content(json), "\n\n", 0).strip();
  }

  /**
   * The plain text of a decoded JSON value as Jira sends rich text: an ADF document (a map, read as
   * {@link #toText()} does, without validating or copying it), a plain string (returned as it is), or null
   * (null). Any other shape, and a map that is not a document, yields the text of whatever nodes it holds, or an
   * empty string. Never throws on unknown node types or hostile nesting.
   *
   * <pre>{@code
   * String text = Adf.plainText(decodedIssue.get("description"));
   * }</pre>
   */
  public static @Nullable String plainText(@Nullable Object json) {
    if (json == null) return null;
    if (json instanceof String s) return s;
    Map<String, Object> m = JsonTree.asMap(json);
    if (m == null) return "";
    return blocks(content(m), "\n\n", 0).strip();
  }

  @Override
  public String toString() {
    String text = toText();
    return "Adf[" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "]";
  }

  private static List<Map<String, Object>> content(Map<String, Object> node) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (node.get("content") instanceof List<?> l) {
      for (Object o : l) {
        Map<String, Object> m = JsonTree.asMap(o);
        if (m != null) out.add(m);
      }
    }
    return out;
  }

  private static Map<String, Object> attrs(Map<String, Object> node) {
    Map<String, Object> a = JsonTree.asMap(node.get("attrs"));
    return a == null ? Map.of() : a;
  }

  private static String attr(Map<String, Object> node, String name) {
    Object v = attrs(node).get(name);
    return v == null ? "" : v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : v.toString();
  }

  private static String blocks(List<Map<String, Object>> nodes, String separator, int depth) {
    if (depth > MAX_DEPTH) return "";
    List<String> parts = new ArrayList<>();
    for (Map<String, Object> n : nodes) {
      String s = INLINE.contains(type(n)) ? inline(List.of(n), depth + 1) : block(n, depth + 1);
      if (!s.isEmpty()) parts.add(s);
    }
    return String.join(separator, parts);
  }

  private static String type(Map<String, Object> node) {
    return String.valueOf(node.get("type"));
  }

  private static String block(Map<String, Object> node, int depth) {
    List<Map<String, Object>> content = content(node);
    switch (type(node)) {
      case "paragraph", "heading", "codeBlock":
        return inline(content, depth + 1);
      case "bulletList":
        return list(content, false, 1, depth + 1);
      case "orderedList": {
        String order = attr(node, "order");
        return list(content, true, order.matches("\\d+") ? Integer.parseInt(order) : 1, depth + 1);
      }
      case "blockquote":
        return blocks(content, "\n\n", depth + 1).lines().map(l -> "> " + l).reduce((a, b) -> a + "\n" + b).orElse("");
      case "rule":
        return "---";
      case "table": {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> row : content) {
          List<String> cells = new ArrayList<>();
          for (Map<String, Object> cell : content(row)) cells.add(blocks(content(cell), " ", depth + 1).replace('\n', ' '));
          rows.add(String.join(" | ", cells));
        }
        return String.join("\n", rows);
      }
      case "media", "mediaSingle", "mediaGroup":
        return content.isEmpty() ? attr(node, "alt") : blocks(content, "\n", depth + 1);
      case "blockCard", "embedCard":
        return attr(node, "url");
      default:
        // Unknown or container nodes (panels, expands, layouts…): their text, blocks apart.
        return content.stream().allMatch(n -> INLINE.contains(type(n))) ? inline(content, depth + 1) : blocks(content, "\n\n", depth + 1);
    }
  }

  private static String list(List<Map<String, Object>> items, boolean ordered, int start, int depth) {
    List<String> lines = new ArrayList<>();
    int n = start;
    for (Map<String, Object> item : items) {
      String marker = ordered ? (n++) + ". " : "- ";
      String text = blocks(content(item), "\n", depth + 1);
      String indent = " ".repeat(marker.length());
      lines.add(marker + text.replace("\n", "\n" + indent));
    }
    return String.join("\n", lines);
  }

  private static String inline(List<Map<String, Object>> nodes, int depth) {
    if (depth > MAX_DEPTH) return "";
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> n : nodes) {
      switch (type(n)) {
        case "text" -> {
          String text = JsonTree.string(n, "text");
          String href = link(n);
          sb.append(text == null ? "" : text);
          if (href != null && !href.equals(text)) sb.append(" (").append(href).append(')');
        }
        case "hardBreak" -> sb.append('\n');
        case "mention" -> {
          String text = attr(n, "text");
          sb.append(text.isEmpty() ? "@" + attr(n, "id") : text.startsWith("@") ? text : "@" + text);
        }
        case "emoji" -> sb.append(attr(n, "text").isEmpty() ? attr(n, "shortName") : attr(n, "text"));
        case "inlineCard" -> sb.append(attr(n, "url"));
        case "status" -> sb.append(attr(n, "text"));
        case "date" -> sb.append(date(attr(n, "timestamp")));
        default -> {
          List<Map<String, Object>> content = content(n);
          sb.append(content.isEmpty() ? attr(n, "text") : blocks(content, " ", depth + 1));
        }
      }
    }
    return sb.toString();
  }

  private static String link(Map<String, Object> text) {
    if (!(text.get("marks") instanceof List<?> marks)) return null;
    for (Object o : marks) {
      Map<String, Object> mark = JsonTree.asMap(o);
      if (mark != null && "link".equals(mark.get("type"))) {
        String href = JsonTree.string(attrs(mark), "href");
        if (href != null) return href;
      }
    }
    return null;
  }

  private static String date(String epochMillis) {
    try {
      return Instant.ofEpochMilli(Long.parseLong(epochMillis)).atZone(ZoneOffset.UTC).toLocalDate().toString();
    } catch (NumberFormatException e) {
      return epochMillis;
    }
  }
}
