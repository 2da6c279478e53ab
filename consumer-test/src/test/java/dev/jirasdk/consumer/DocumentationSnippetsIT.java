package dev.jirasdk.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Builds a user's project from the documentation and runs its tests: the README's dependency block (the BOM and
 * nothing else of the SDK's build), the README's quick start and every Java snippet of docs/getting-started.md
 * pasted into JUnit tests, compiled and run against the artifacts invoker:install put into a private repository,
 * against FakeJiraCloud. A snippet that no longer compiles or works fails this build.
 *
 * <p>Snippets are marked in the Markdown with {@code <!-- snippet: name -->} on the line before the code fence;
 * the project under {@code src/it/consumer} places them with {@code /*@snippet name@*}{@code /}.
 */
class DocumentationSnippetsIT {
  private static final Pattern MARKED = Pattern.compile(
      "<!--\\s*snippet:\\s*([a-z0-9-]+)[^>]*-->\\s*\\n```(\\w+)\\n(.*?)\\n```", Pattern.DOTALL);
  private static final Pattern FENCE = Pattern.compile("^```(\\w+)\\s*$", Pattern.MULTILINE);
  private static final Pattern PLACE = Pattern.compile("([ \\t]*)(?:/\\*|<!--)@snippet ([a-z0-9-]+)( via-fake)?@(?:\\*/|-->)");
  private static final String POINT_AT_FAKE = ".authBaseUrl(fake.authBaseUrl()).apiBaseUrl(fake.apiBaseUrl())";
  private static final long TIMEOUT_MINUTES = 8;

  private final Path docs = Path.of(System.getProperty("docs.root", "..")).toAbsolutePath().normalize();
  private final Path template = Path.of(System.getProperty("consumer.template", "src/it/consumer"));
  private final Path work = Path.of(System.getProperty("consumer.work", "target/consumer-project"));
  private final Path repo = Path.of(System.getProperty("consumer.repo", "target/local-repo")).toAbsolutePath();

  @Test
  void theReadmeAndGettingStartedSnippetsBuildAndRunInAUsersProject() throws Exception {
    Map<String, String> snippets = new LinkedHashMap<>();
    collect("README.md", true, snippets);
    collect("docs/getting-started.md", true, snippets);
    collect("docs/testkit.md", false, snippets);

    Set<String> used = new LinkedHashSet<>();
    deleteTree(work);
    List<Path> files;
    try (Stream<Path> s = Files.walk(template)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    String testDependencies = placeholders(Files.readString(template.resolve("test-dependencies.xml")));
    for (Path source : files) {
      Path rel = template.relativize(source);
      if (rel.toString().equals("test-dependencies.xml")) continue;
      String text = placeholders(Files.readString(source, StandardCharsets.UTF_8));
      text = place(text, snippets, used, testDependencies, rel);
      Path target = work.resolve(rel);
      Files.createDirectories(target.getParent());
      Files.writeString(target, text, StandardCharsets.UTF_8);
    }
    Set<String> unused = new LinkedHashSet<>(snippets.keySet());
    unused.removeAll(used);
    assertEquals(Set.of(), unused, "marked snippets that no consumer test runs");

    String outerRepo = Path.of(System.getProperty("outer.repo", System.getProperty("user.home") + "/.m2/repository"))
        .toUri().toString();
    Files.writeString(work.resolve("settings.xml"), """
        <settings>
          <!-- Everything not installed by the SDK's build comes read-only from that build's local repository. -->
          <mirrors>
            <mirror>
              <id>sdk-build-local-repository</id>
              <mirrorOf>*</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
        </settings>
        """.formatted(outerRepo));

    Path log = work.resolve("build.log");
    List<String> command = new ArrayList<>(List.of(mvn(), "-B", "-e", "-nsu", "-s", "settings.xml",
        "-Dmaven.repo.local=" + repo, "test"));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().remove("MAVEN_ARGS");
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("the consumer build did not finish in " + TIMEOUT_MINUTES + " min:\n" + tail(log));
    }
    assertEquals(0, p.exitValue(), "the consumer build failed (" + log + "):\n" + tail(log));
    Path reports = work.resolve("target/surefire-reports");
    for (String test : List.of("ReadmeQuickStartTest", "GettingStartedTest", "BomTest", "StoreContractsTest")) {
      int ran = 0;
      try (Stream<Path> s = Files.list(reports)) {
        for (Path report : s.filter(r -> r.getFileName().toString().startsWith("TEST-app." + test)).toList()) {
          // Count the test cases: surefire reports nested classes' tests under the outer class with tests="0".
          String xml = Files.readString(report);
          for (String bad : List.of("<failure", "<error", "<skipped")) {
            assertTrue(!xml.contains(bad), report + " has " + bad + ">");
          }
          ran += xml.split("<testcase ", -1).length - 1;
        }
      }
      assertTrue(ran > 0, test + " ran no test:\n" + tail(log));
    }
  }

  /** Reads the marked snippets of a page; with {@code all}, every Java block of it must be marked. */
  private void collect(String page, boolean all, Map<String, String> into) throws IOException {
    String md = Files.readString(docs.resolve(page), StandardCharsets.UTF_8);
    int marked = 0;
    Matcher m = MARKED.matcher(md);
    while (m.find()) {
      if (into.put(m.group(1), m.group(3)) != null) throw new AssertionError("snippet " + m.group(1) + " twice");
      if (m.group(2).equals("java")) marked++;
    }
    if (all) {
      long javaBlocks = FENCE.matcher(md).results().filter(r -> r.group(1).equals("java")).count();
      assertEquals(javaBlocks, marked, page + ": every Java block must carry <!-- snippet: name --> and be run");
    }
  }

  private static String place(String text, Map<String, String> snippets, Set<String> used, String testDependencies,
      Path file) {
    Matcher m = PLACE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(2);
      String snippet = snippets.get(name);
      if (snippet == null) throw new AssertionError(file + " wants snippet " + name + ", which no page marks");
      used.add(name);
      if (m.group(3) != null) {
        String builder = "AtlassianOAuth.builder()";
        assertEquals(1, snippet.split(Pattern.quote(builder), -1).length - 1, name + ": one " + builder);
        snippet = snippet.replace(builder, builder + POINT_AT_FAKE);
      }
      if (file.toString().endsWith("pom.xml")) {
        int close = snippet.lastIndexOf("</dependencies>");
        if (close < 0) throw new AssertionError(name + " has no <dependencies>");
        snippet = snippet.substring(0, close) + testDependencies + snippet.substring(close);
      }
      String indent = m.group(1);
      String indented = indent + snippet.replace("\n", "\n" + indent);
      m.appendReplacement(out, Matcher.quoteReplacement(indented));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String placeholders(String text) {
    for (String key : List.of("okio.version", "kotlin.version", "jboss-logging.version", "junit.version",
        "slf4j.version", "sdk.version")) {
      String value = System.getProperty(key);
      if (text.contains("@" + key + "@")) {
        if (value == null) throw new AssertionError("system property " + key + " is not set (run through failsafe)");
        text = text.replace("@" + key + "@", value);
      }
    }
    return text;
  }

  private static String mvn() {
    String home = System.getProperty("maven.home");
    boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    if (home != null) {
      Path bin = Path.of(home, "bin", windows ? "mvn.cmd" : "mvn");
      if (Files.isExecutable(bin)) return bin.toString();
    }
    return windows ? "mvn.cmd" : "mvn";
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 120), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
