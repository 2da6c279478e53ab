package app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Importing jira-bom gives a user the third-party versions the SDK is built and tested with. */
class BomTest {

  @Test
  void theBomPinsTheVersionsTheSdksBuildEnforces() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("com/squareup/okio/okio-jvm", System.getProperty("expected.okio.version"));
    expected.put("org/jetbrains/kotlin/kotlin-stdlib", System.getProperty("expected.kotlin.version"));
    expected.put("org/jetbrains/kotlin/kotlin-stdlib-jdk8", System.getProperty("expected.kotlin.version"));
    expected.put("org/jboss/logging/jboss-logging", System.getProperty("expected.jboss-logging.version"));

    Map<String, String> resolved = new LinkedHashMap<>();
    for (String entry : classPath()) {
      String path = entry.replace(File.separatorChar, '/');
      for (String artifact : expected.keySet()) {
        String name = artifact.substring(artifact.lastIndexOf('/') + 1);
        int at = path.indexOf("/" + artifact + "/");
        if (at >= 0 && Path.of(entry).getFileName().toString().startsWith(name + "-")) {
          String rest = path.substring(at + artifact.length() + 2);
          resolved.put(artifact, rest.substring(0, rest.indexOf('/')));
        }
      }
    }
    assertEquals(expected, resolved, "resolved on the test class path: " + resolved);
  }

  private static List<String> classPath() {
    List<String> entries = new ArrayList<>();
    for (String key : new String[] {"java.class.path", "surefire.test.class.path"}) {
      String value = System.getProperty(key, "");
      for (String e : value.split(File.pathSeparator)) if (!e.isBlank()) entries.add(e);
    }
    return entries;
  }
}
