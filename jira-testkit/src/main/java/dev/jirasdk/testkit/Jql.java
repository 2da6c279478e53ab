package dev.jirasdk.testkit;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JQL subset the fake understands: {@code project = KEY}, {@code project in (A, B)}, {@code updated|created
 * >=|>|<=|<|= <epoch ms | "yyyy-MM-dd HH:mm" | "yyyy-MM-dd" | -5m/-2h/-1d/-1w>}, {@code id >=|>|<=|<|=|!= <number>}
 * (the numeric issue id, as a deletion detector bisects id ranges), {@code id in (1, 2)}, {@code labels = x},
 * {@code labels in (x, y)} (an issue matches when it has any of them), joined by {@code AND} and optionally
 * grouped in parentheses (an AND of ANDs is one AND), then
 * {@code ORDER BY updated|created|id|key ASC|DESC, ...}. Anything else fails with a message shaped like Jira's.
 */
final class Jql {
  enum SortField { UPDATED, CREATED, ID, KEY }

  record Sort(SortField field, boolean asc) {}

  /** {@code left op right} for one of the JQL comparison operators {@code >= > <= < = !=}. */
  static boolean compare(long left, String op, long right) {
    return switch (op) {
      case ">=" -> left >= right;
      case ">" -> left > right;
      case "<=" -> left <= right;
      case "<" -> left < right;
      case "=" -> left == right;
      default -> left != right;
    };
  }

  record DateCond(boolean updated, String op, long ms) {
    boolean test(long updatedMs, long createdMs) {
      return compare(updated ? updatedMs : createdMs, op, ms);
    }
  }

  /** A comparison of the numeric issue id with a number. */
  record IdCond(String op, long value) {
    boolean test(long id) {
      return compare(id, op, value);
    }
  }

  /** A parsed query; {@code projects} is null when no project clause was given. */
  record Query(List<String> projects, List<DateCond> dates, List<IdCond> ids, List<Sort> order,
      List<List<String>> labels, List<java.util.Set<Long>> idIn) {
    Query(List<String> projects, List<DateCond> dates, List<IdCond> ids, List<Sort> order) {
      this(projects, dates, ids, order, List.of(), List.of());
    }

    boolean bounded() {
      return projects != null || !dates.isEmpty() || !ids.isEmpty() || !labels.isEmpty() || !idIn.isEmpty();
    }

    /** Whether the query has conditions beyond projects, dates and id ranges. */
    boolean hasIssueConditions() {
      return !labels.isEmpty() || !idIn.isEmpty();
    }

    /** {@link #matches(long, long, long)} and every label and id-list condition. */
    boolean matches(long id, long updatedMs, long createdMs, List<String> issueLabels) {
      if (!matches(id, updatedMs, createdMs)) {
        return false;
      }
      for (java.util.Set<Long> in : idIn) {
        if (!in.contains(id)) {
          return false;
        }
      }
      for (List<String> anyOf : labels) {
        boolean hit = false;
        for (String l : anyOf) {
          hit |= issueLabels.contains(l);
        }
        if (!hit) {
          return false;
        }
      }
      return true;
    }

    /** True when the issue's id, {@code updated} and {@code created} pass every id and date condition. */
    boolean matches(long id, long updatedMs, long createdMs) {
      for (IdCond c : ids) {
        if (!c.test(id)) {
          return false;
        }
      }
      for (DateCond d : dates) {
        if (!d.test(updatedMs, createdMs)) {
          return false;
        }
      }
      return true;
    }
  }

  static final class JqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JqlException(String message) {
      super(message);
    }
  }

  private final String src;
  private final List<String> toks = new ArrayList<>();
  private final List<Integer> pos = new ArrayList<>();
  private int i;
  private final long nowMs;
  private final ZoneId zone;

  private Jql(String src, long nowMs, ZoneId zone) {
    this.src = src;
    this.nowMs = nowMs;
    this.zone = zone;
  }

  static Query parse(String jql, long nowMs, ZoneId zone) {
    Jql p = new Jql(jql == null ? "" : jql, nowMs, zone);
    p.lex();
    return p.query();
  }

  private void lex() {
    int n = src.length();
    int k = 0;
    while (k < n) {
      char c = src.charAt(k);
      if (Character.isWhitespace(c)) {
        k++;
      } else if (c == '"' || c == '\'') {
        int end = src.indexOf(c, k + 1);
        if (end < 0) {
          throw new JqlException("Error in the JQL Query: The quoted string '" + src.substring(k + 1)
              + "' has not been completed. (line 1, character " + (k + 1) + ")");
        }
        toks.add("\u0000" + src.substring(k + 1, end));
        pos.add(k);
        k = end + 1;
      } else if (c == '(' || c == ')' || c == ',') {
        toks.add(String.valueOf(c));
        pos.add(k);
        k++;
      } else if (c == '>' || c == '<' || c == '=' || c == '!') {
        int s = k;
        k++;
        if (k < n && src.charAt(k) == '=') {
          k++;
        }
        toks.add(src.substring(s, k));
        pos.add(s);
      } else {
        int s = k;
        while (k < n && !Character.isWhitespace(src.charAt(k)) && "()=<>!,\"'".indexOf(src.charAt(k)) < 0) {
          k++;
        }
        toks.add(src.substring(s, k));
        pos.add(s);
      }
    }
  }

  private String peek() {
    return i < toks.size() ? toks.get(i) : null;
  }

  private boolean peekWord(String w) {
    String t = peek();
    return t != null && !t.startsWith("\u0000") && t.equalsIgnoreCase(w);
  }

  private String next(String expecting) {
    if (i >= toks.size()) {
      throw new JqlException("Error in the JQL Query: Expecting " + expecting + " but reached the end of the query.");
    }
    return toks.get(i++);
  }

  private JqlException unexpected(String expecting) {
    String t = toks.get(i - 1);
    return new JqlException("Error in the JQL Query: Expecting " + expecting + " but got '" + t.replace("\u0000", "")
        + "'. (line 1, character " + (pos.get(i - 1) + 1) + ")");
  }

  private Query query() {
    List<String> projects = null;
    List<DateCond> dates = new ArrayList<>();
    List<IdCond> ids = new ArrayList<>();
    List<Sort> order = new ArrayList<>();
    List<List<String>> labels = new ArrayList<>();
    List<java.util.Set<Long>> idIn = new ArrayList<>();
    int depth = 0;
    if (peek() != null && !peekWord("order")) {
      while (true) {
        while ("(".equals(peek())) {
          i++;
          depth++;
        }
        String field = next("a field name");
        String f = field.toLowerCase(Locale.ROOT);
        if (f.equals("project")) {
          String op = next("operator");
          List<String> vals = new ArrayList<>();
          if (op.equals("=")) {
            vals.add(value(next("a value")));
          } else if (op.equalsIgnoreCase("in")) {
            if (!"(".equals(next("'('"))) {
              throw unexpected("'('");
            }
            while (true) {
              vals.add(value(next("a value")));
              String sep = next("',' or ')'");
              if (sep.equals(")")) {
                break;
              }
              if (!sep.equals(",")) {
                throw unexpected("',' or ')'");
              }
            }
          } else {
            throw unexpected("operator '=' or 'in'");
          }
          if (projects == null) {
            projects = vals;
          } else {
            projects.retainAll(vals);
          }
        } else if (f.equals("updated") || f.equals("created") || f.equals("updateddate") || f.equals("createddate")) {
          String op = next("operator");
          if (!List.of(">=", ">", "<=", "<", "=", "!=").contains(op)) {
            throw unexpected("operator");
          }
          String raw = next("a value");
          dates.add(new DateCond(f.startsWith("updated"), op, date(raw, field)));
        } else if (f.equals("labels")) {
          String op = next("operator");
          List<String> vals = new ArrayList<>();
          if (op.equals("=")) {
            vals.add(value(next("a value")));
          } else if (op.equalsIgnoreCase("in")) {
            vals.addAll(valueList());
          } else {
            throw unexpected("operator '=' or 'in'");
          }
          labels.add(vals);
        } else if (f.equals("id") && peekWord("in")) {
          i++;
          java.util.Set<Long> set = new java.util.HashSet<>();
          for (String raw : valueList()) {
            if (!raw.matches("\\d{1,18}")) {
              throw new JqlException("The issue key '" + raw + "' for field 'id' is invalid.");
            }
            set.add(Long.parseLong(raw));
          }
          idIn.add(set);
        } else if (f.equals("id")) {
          String op = next("operator");
          if (!List.of(">=", ">", "<=", "<", "=", "!=").contains(op)) {
            throw unexpected("operator");
          }
          String raw = value(next("a value"));
          if (!raw.matches("\\d{1,18}")) {
            throw new JqlException("The issue key '" + raw + "' for field 'id' is invalid.");
          }
          ids.add(new IdCond(op, Long.parseLong(raw)));
        } else if (field.startsWith("\u0000") || "(),".contains(field) || field.startsWith("=")) {
          throw unexpected("a field name");
        } else {
          throw new JqlException("Field '" + field + "' does not exist or you do not have permission to view it.");
        }
        while (")".equals(peek())) {
          i++;
          if (--depth < 0) {
            throw unexpected("a field name");
          }
        }
        if (peek() == null || peekWord("order")) {
          break;
        }
        String conj = next("AND");
        if (!conj.equalsIgnoreCase("and")) {
          if (conj.equalsIgnoreCase("or") || conj.equalsIgnoreCase("not")) {
            throw new JqlException("Error in the JQL Query: The fake supports only AND; got '" + conj + "'. (line 1, character "
                + (pos.get(i - 1) + 1) + ")");
          }
          throw unexpected("either 'OR' or 'AND'");
        }
      }
    }
    if (depth != 0) {
      throw new JqlException("Error in the JQL Query: Expecting ')' but reached the end of the query.");
    }
    if (peekWord("order")) {
      i++;
      if (!peekWord("by")) {
        next("'by'");
        throw unexpected("'by'");
      }
      i++;
      while (true) {
        String field = next("a field name").toLowerCase(Locale.ROOT);
        SortField sf = switch (field) {
          case "updated", "updateddate" -> SortField.UPDATED;
          case "created", "createddate" -> SortField.CREATED;
          case "id" -> SortField.ID;
          case "key", "issuekey" -> SortField.KEY;
          default -> throw new JqlException("Not able to sort using field '" + field + "'.");
        };
        boolean asc = sf != SortField.UPDATED && sf != SortField.CREATED;
        if (peekWord("asc") || peekWord("desc")) {
          asc = next("direction").equalsIgnoreCase("asc");
        }
        order.add(new Sort(sf, asc));
        if (peek() == null) {
          break;
        }
        if (!",".equals(next("','"))) {
          throw unexpected("',' or end of query");
        }
      }
    }
    if (peek() != null) {
      next("end");
      throw unexpected("end of query");
    }
    return new Query(projects, dates, ids, order, labels, idIn);
  }

  /** {@code ( v, v, ... )} after an {@code in}. */
  private List<String> valueList() {
    if (!"(".equals(next("'('"))) {
      throw unexpected("'('");
    }
    List<String> vals = new ArrayList<>();
    while (true) {
      vals.add(value(next("a value")));
      String sep = next("',' or ')'");
      if (sep.equals(")")) {
        return vals;
      }
      if (!sep.equals(",")) {
        throw unexpected("',' or ')'");
      }
    }
  }

  private String value(String t) {
    if (t.startsWith("\u0000")) {
      return t.substring(1);
    }
    if ("(),".contains(t) || t.startsWith("=") || t.startsWith("<") || t.startsWith(">")) {
      throw unexpected("a value");
    }
    return t;
  }

  private static final DateTimeFormatter[] DATE_TIMES = {
    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"), DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm")
  };
  private static final DateTimeFormatter[] DATES = {
    DateTimeFormatter.ofPattern("yyyy-MM-dd"), DateTimeFormatter.ofPattern("yyyy/MM/dd")
  };

  private long date(String rawTok, String field) {
    String raw = rawTok.startsWith("\u0000") ? rawTok.substring(1) : rawTok;
    if (raw.matches("\\d{10,}")) {
      return Long.parseLong(raw);
    }
    if (raw.matches("-?\\d+[mhdw]")) {
      long n = Long.parseLong(raw.substring(0, raw.length() - 1));
      long unit = switch (raw.charAt(raw.length() - 1)) {
        case 'm' -> 60_000L;
        case 'h' -> 3_600_000L;
        case 'd' -> 86_400_000L;
        default -> 7 * 86_400_000L;
      };
      return nowMs + n * unit;
    }
    for (DateTimeFormatter f : DATE_TIMES) {
      try {
        return LocalDateTime.parse(raw, f).atZone(zone).toInstant().toEpochMilli();
      } catch (DateTimeParseException ignored) {
        // try the next form
      }
    }
    for (DateTimeFormatter f : DATES) {
      try {
        return LocalDate.parse(raw, f).atStartOfDay(zone).toInstant().toEpochMilli();
      } catch (DateTimeParseException ignored) {
        // try the next form
      }
    }
    throw new JqlException("Date value '" + raw + "' for field '" + field + "' is invalid. Valid formats include: "
        + "'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.");
  }
}
