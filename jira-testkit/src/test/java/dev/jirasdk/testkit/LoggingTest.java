package dev.jirasdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Undertow and XNIO log through jboss-logging; the test kit routes it to slf4j, so nothing reaches JUL. */
class LoggingTest {

  @Test
  void undertowAndXnioLogThroughSlf4jAndNothingReachesJavaUtilLogging() {
    List<LogRecord> julRecords = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        String name = String.valueOf(record.getLoggerName());
        if (name.startsWith("io.undertow") || name.startsWith("org.xnio") || name.startsWith("org.jboss")) {
          julRecords.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger root = Logger.getLogger("");
    Level before = root.getLevel();
    root.addHandler(capture);
    root.setLevel(Level.ALL);
    try {
      try (FakeJiraCloud fake = FakeJiraCloud.builder().build().start()) {
        TestClient.Tokens t = TestClient.connect(fake);
        assertEquals(200, TestClient.get(fake.apiBaseUrl() + "/oauth/token/accessible-resources",
            t.accessToken()).code());
      }
      // What Undertow and XNIO call; a JDK provider would hand these to the JUL root logger.
      org.jboss.logging.Logger.getLogger("io.undertow.probe").info("jboss-logging probe");
      org.jboss.logging.Logger.getLogger("org.xnio.probe").error("jboss-logging probe");
    } finally {
      root.removeHandler(capture);
      root.setLevel(before);
    }
    assertTrue(org.jboss.logging.Logger.getLogger("io.undertow").getClass().getSimpleName().startsWith("Slf4j"),
        org.jboss.logging.Logger.getLogger("io.undertow").getClass().getName());
    assertEquals(List.of(), julRecords.stream()
        .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
  }
}
