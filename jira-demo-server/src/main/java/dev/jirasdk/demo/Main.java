package dev.jirasdk.demo;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar jira-demo-server.jar}: reads the configuration (environment and {@code ./.env}), starts
 * the server, and stops it cleanly on SIGTERM or Ctrl-C.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    Config config;
    try {
      config = Config.fromEnvironment(Path.of(""));
    } catch (ConfigException e) {
      System.err.println("jira-demo-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Undertow's libraries log through jboss-logging: send that to slf4j too, not java.util.logging.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    // slf4j-simple reads its level once, when the first logger is made.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", config.debug() ? "debug" : "info");
    if (!config.debug()) {
      System.setProperty("org.slf4j.simpleLogger.log.io.undertow", "warn");
      System.setProperty("org.slf4j.simpleLogger.log.org.xnio", "warn");
      System.setProperty("org.slf4j.simpleLogger.log.org.jboss", "warn");
      System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
    }
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Main.class);
    log.info("starting with {}", config);
    DemoServer server;
    try {
      server = DemoServer.start(config);
    } catch (RuntimeException e) {
      log.error("could not start: {}", e.getMessage(), config.debug() ? e : null);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "demo-shutdown"));
    stopped.await();
  }
}
