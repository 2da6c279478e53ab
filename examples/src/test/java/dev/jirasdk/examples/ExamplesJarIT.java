package dev.jirasdk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the examples with the command docs/getting-started.md gives ({@code java -cp examples/target/examples.jar
 * dev.jirasdk.examples.<Name>}), in a fresh directory and without Atlassian credentials, as a reader would.
 */
class ExamplesJarIT {
  private static final long TIMEOUT_SECONDS = 120;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "SyncToSqliteExample     | Open issues per assignee",
      "CallJiraExample         | Created ",
      "CustomTokenStoreExample | After a refresh: version ",
  })
  void theDocumentedCommandRunsTheExampleOffline(String example, String expected, @TempDir Path dir)
      throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("examples.jar", "target/examples.jar")).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), "no " + jar + ": the package phase builds it");
    Path log = dir.resolve("output.txt");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", jar.toString(), "dev.jirasdk.examples." + example)
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    // A reader's fresh shell: no Atlassian app configured, so the examples use the simulated Jira Cloud.
    pb.environment().keySet().removeIf(k -> k.startsWith("JIRA_"));
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(example + " did not finish in " + TIMEOUT_SECONDS + " s:\n" + read(log));
    }
    String out = read(log);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains(expected), out);
    if (example.equals("SyncToSqliteExample")) {
      assertEquals(2, out.lines().filter(l -> l.startsWith("SUCCEEDED")).count(), out);
      assertTrue(Files.exists(dir.resolve("jira-sync.db")), "the database is written where the command ran");
    }
    List<String> warnings = out.lines().filter(l -> l.contains("WARNING") || l.contains("SEVERE")).toList();
    assertEquals(List.of(), warnings, "the example printed warnings:\n" + out);
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }
}
