package dev.jirasdk.demo;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;
import dev.jirasdk.testkit.FakeSite;
import dev.jirasdk.testkit.MutableClock;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated Jira Cloud of sandbox mode: jira-testkit's {@link FakeJiraCloud} on a loopback port with a
 * generated dataset, and this server's callback registered as its OAuth app.
 */
final class Sandbox implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
  static final String CLIENT_ID = "jira-sdk-demo-sandbox";

  private final FakeJiraCloud fake;

  private Sandbox(FakeJiraCloud fake) {
    this.fake = fake;
  }

  static Sandbox start(Config config, String redirectUri, Clock clock) {
    Dataset dataset = config.sandboxDataset().equals("small") ? Dataset.small() : Dataset.sandbox();
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    FakeJiraCloud fake = FakeJiraCloud.builder()
        .seed(config.sandboxSeed())
        .dataset(dataset)
        .clock(MutableClock.startingAt(clock.instant()))
        .client(CLIENT_ID, Base64.getUrlEncoder().withoutPadding().encodeToString(secret), redirectUri)
        .build();
    fake.start("127.0.0.1", 0);
    log.info("sandbox: simulated Jira Cloud on {} with {} site(s), {} issues, {} users; consent as anyone listed",
        fake.authBaseUrl(), fake.sites().size(), dataset.totalIssues(), fake.users().size());
    return new Sandbox(fake);
  }

  FakeJiraCloud fake() {
    return fake;
  }

  String clientId() {
    return fake.clientId();
  }

  /** The sandbox app's generated secret; never log it. */
  String clientSecret() {
    return fake.clientSecret();
  }

  String authBaseUrl() {
    return fake.authBaseUrl();
  }

  String apiBaseUrl() {
    return fake.apiBaseUrl();
  }

  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> sites = new ArrayList<>();
    for (FakeSite s : fake.sites()) sites.add(Map.of("name", s.name(), "url", s.url()));
    m.put("sites", sites);
    m.put("users", fake.users().size());
    m.put("issues", fake.dataset().totalIssues());
    m.put("authBaseUrl", fake.authBaseUrl());
    return m;
  }

  @Override
  public void close() {
    fake.close();
  }
}
