package app;

import dev.jirasdk.testkit.Dataset;
import dev.jirasdk.testkit.FakeJiraCloud;

/** The app registration the snippets assume, registered with a started FakeJiraCloud. */
final class App {
  static final String CLIENT_ID = "app-client-id";
  static final String CLIENT_SECRET = "app-client-secret";
  /** The callback URL the README and getting-started snippets use. */
  static final String REDIRECT_URI = "https://app.example.com/auth/callback";

  private App() {}

  static FakeJiraCloud startFake() {
    return FakeJiraCloud.builder().client(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI).dataset(Dataset.small()).build()
        .start();
  }
}
