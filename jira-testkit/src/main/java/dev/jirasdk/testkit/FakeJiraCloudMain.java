package dev.jirasdk.testkit;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sandbox {@link FakeJiraCloud} on 127.0.0.1 until the process is stopped.
 *
 * <pre>
 * java -cp ... dev.jirasdk.testkit.FakeJiraCloudMain [--port 8090] [--seed 42] [--dataset sandbox|small]
 * </pre>
 *
 * The URLs, client id and redirect URI are logged through slf4j at info level (the client secret is not logged;
 * it is {@value FakeJiraCloud#DEFAULT_CLIENT_SECRET} unless changed in code).
 */
public final class FakeJiraCloudMain {
  private static final Logger log = LoggerFactory.getLogger(FakeJiraCloudMain.class);

  private FakeJiraCloudMain() {}

  public static void main(String[] args) {
    FakeJiraCloud fake = run(args);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      fake.close();
      stopped.countDown();
    }, "fake-jira-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fake.close();
    }
  }

  /** Parses the options, starts the fake, logs how to reach it, and returns it (the caller closes it). */
  public static FakeJiraCloud run(String... args) {
    int port = 0;
    long seed = 42;
    Dataset dataset = Dataset.sandbox();
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("options come in pairs: --port N --seed N --dataset sandbox|small");
    }
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        case "--dataset" -> dataset = args[i + 1].equals("small") ? Dataset.small() : Dataset.sandbox();
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    FakeJiraCloud fake = FakeJiraCloud.builder().seed(seed).dataset(dataset).build().start("127.0.0.1", port);
    log.info("FakeJiraCloud sandbox: auth {} api {} client_id {} redirect_uri {}", fake.authBaseUrl(), fake.apiBaseUrl(),
        fake.clientId(), fake.redirectUri());
    for (FakeSite s : fake.sites()) {
      log.info("site {} cloudId {} ({} issues)", s.name(), s.cloudId(), fake.data(s.cloudId()).issueCount());
    }
    for (FakeUser u : fake.users()) {
      log.info("user {} <{}> accountId {} sites {}", u.displayName(), u.email(), u.accountId(), fake.sitesOf(u.accountId()).size());
    }
    return fake;
  }
}
