package dev.jirasdk.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole benchmark program at the smoke scale (tiny sizes) and checks that the table has every
 * row with sane numbers. It asserts nothing about speed: figures are the program's output, not a test.
 */
class BenchmarkHarnessTest {
  private static Report report;
  private static String table;

  @BeforeAll
  static void runEverythingAtSmokeScale() {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    report = BenchmarkMain.run(Scale.SMOKE, Set.of(), Path.of("does-not-exist.jar"), 0, "test",
        new PrintStream(progress, true, StandardCharsets.UTF_8));
    table = report.render();
  }

  @Test
  void theTableNamesTheMachineAndTheCommand() {
    assertTrue(table.contains("Machine: " + Runtime.getRuntime().availableProcessors() + " cores"), table);
    assertTrue(table.contains("Command: test"), table);
    assertTrue(table.contains("| Benchmark"), table);
  }

  @Test
  void noBenchmarkFailsWithAnError() {
    for (Row row : report.rows()) {
      assertFalse(row.figure().startsWith("error"), () -> "benchmark error: " + row);
    }
  }

  @Test
  void everyGroupHasRows() {
    for (String group : List.of("auth", "testkit", "store", "postgres", "sync", "deletions", "quota", "demo")) {
      assertTrue(report.rows().stream().anyMatch(r -> r.group().equals(group)), "no rows for " + group + "\n" + table);
    }
  }

  @Test
  void theAuthRowsCompareJiraClientWithBareOkHttpAndCountOneRefresh() {
    Row overhead = row("JiraClient GET myself, median latency");
    assertTrue(overhead.reference().startsWith("bare OkHttp "), overhead.toString());
    assertPositiveNumber(overhead.figure());
    assertPositiveNumber(overhead.reference());
    assertPositiveNumber(overhead.ratio());
    Row tokens = row("concurrent requests across a token expiry: token requests");
    assertTrue(tokens.figure().startsWith("1 "), "exactly one refresh expected: " + tokens);
    assertEquals(Row.Verdict.PASS, tokens.verdict(), tokens.toString());
    assertPositiveNumber(row("waited for the refresh, p99 latency").figure());
  }

  @Test
  void theStoreRowsCompareWithBareSqliteJdbcAndCountEveryReupsertAsUnchanged() {
    Row insert = row("SqliteStore.commitPage");
    assertTrue(insert.reference().startsWith("bare sqlite-jdbc batch insert "), insert.toString());
    assertPositiveNumber(insert.figure());
    assertPositiveNumber(insert.reference());
    Row reupsert = row("re-upsert of the same");
    assertTrue(reupsert.name().contains("(200 counted unchanged)"), reupsert.toString());
    assertPositiveNumber(row("SqliteStore.records").figure());
  }

  @Test
  void theSyncRowsCompareWithTheRawFetchLimitAndTheChildJvmCompletes() {
    Row full = row("(all streams) into SQLite");
    assertTrue(full.reference().startsWith("raw fetch limit"), full.toString());
    assertPositiveNumber(full.figure());
    assertPositiveNumber(full.reference());
    assertTrue(row("-Xmx256m: heap").figure().startsWith("completed"), row("-Xmx256m").toString());
    assertTrue(row("incremental sync after 100 edited issues").figure().contains("100 issues changed"),
        row("incremental").toString());
    assertPositiveNumber(row("points per issue").figure());
  }

  @Test
  void theTestkitRowsReportGenerationAndServing() {
    assertPositiveNumber(row("generate a").figure());
    assertPositiveNumber(row("search/jql pages served").figure());
  }

  @Test
  void theLastRowIsTheWholeRunTime() {
    List<Row> rows = report.rows();
    Row last = rows.get(rows.size() - 1);
    assertEquals("harness", last.group(), last.toString());
    assertPositiveNumber(last.figure());
  }

  @Test
  void aMissingDemoJarIsReportedAsNotAvailableRatherThanInvented() {
    Row demo = report.rows().stream().filter(r -> r.group().equals("demo")).findFirst().orElseThrow();
    assertEquals(Row.Verdict.NA, demo.verdict(), demo.toString());
    assertTrue(demo.figure().startsWith("not available: "), demo.toString());
  }

  @Test
  void theDeletionRowsTombstoneExactlyTheDeletedIssuesNextToTheCensus() {
    for (String deleted : List.of("0 deleted", "10 deleted")) {
      Row r = row("project, " + deleted + " since the last run");
      assertTrue(r.figure().endsWith((deleted.startsWith("0") ? "0" : "10") + " tombstoned"), r.toString());
      assertTrue(r.reference().startsWith("full id census "), r.toString());
      assertPositiveNumber(r.reference());
      assertEquals(Row.Verdict.PASS, r.verdict(), r.toString());
    }
  }

  private static Row row(String nameContains) {
    return report.rows().stream().filter(r -> r.name().contains(nameContains)).findFirst()
        .orElseThrow(() -> new AssertionError("no row containing '" + nameContains + "' in\n" + table));
  }

  private static final Pattern NUMBER = Pattern.compile("(\\d[\\d,]*(?:\\.\\d+)?)");

  private static void assertPositiveNumber(String text) {
    Matcher m = NUMBER.matcher(text);
    assertTrue(m.find(), "no number in '" + text + "'");
    double value = Double.parseDouble(m.group(1).replace(",", ""));
    assertTrue(value > 0 && Double.isFinite(value), "not a positive number: '" + text + "'");
  }
}
