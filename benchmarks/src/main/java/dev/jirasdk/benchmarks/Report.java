package dev.jirasdk.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The rows of one run, rendered as a Markdown table with the machine and the command above it. */
public final class Report {
  private final List<Row> rows = new ArrayList<>();
  private final String header;

  Report(String header) {
    this.header = header;
  }

  void addAll(List<Row> more) {
    rows.addAll(more);
  }

  /** Every row, in the order measured. */
  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /** The header lines (date, machine, command) followed by the table. */
  public String render() {
    String[] titles = {"Benchmark", "Figure", "Reference (same run)", "Ratio", "Target", "Result"};
    List<String[]> cells = new ArrayList<>();
    for (Row r : rows) {
      cells.add(new String[] {r.group() + ": " + r.name(), r.figure(), r.reference(), r.ratio(), r.target(),
          r.verdict() == Row.Verdict.NA ? "n/a" : r.verdict().name().toLowerCase(java.util.Locale.ROOT)});
    }
    int[] width = new int[titles.length];
    for (int i = 0; i < titles.length; i++) width[i] = titles[i].length();
    for (String[] c : cells) for (int i = 0; i < c.length; i++) width[i] = Math.max(width[i], c[i].length());
    StringBuilder out = new StringBuilder(header);
    line(out, titles, width);
    String[] dashes = new String[titles.length];
    for (int i = 0; i < titles.length; i++) dashes[i] = "-".repeat(width[i]);
    line(out, dashes, width);
    for (String[] c : cells) line(out, c, width);
    long pass = rows.stream().filter(r -> r.verdict() == Row.Verdict.PASS).count();
    long fail = rows.stream().filter(r -> r.verdict() == Row.Verdict.FAIL).count();
    long na = rows.stream().filter(r -> r.verdict() == Row.Verdict.NA).count();
    out.append('\n').append(pass).append(" pass, ").append(fail).append(" fail, ").append(na)
        .append(" not available, ").append(rows.size() - pass - fail - na).append(" informational\n");
    return out.toString();
  }

  private static void line(StringBuilder out, String[] cells, int[] width) {
    out.append('|');
    for (int i = 0; i < cells.length; i++) {
      out.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
    }
    out.append('\n');
  }
}
