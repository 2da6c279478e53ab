package dev.jirasdk.demo;

import dev.jirasdk.auth.AccountStore;
import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.InMemoryAccountStore;
import dev.jirasdk.auth.InMemoryPendingAuthorizationStore;
import dev.jirasdk.auth.InMemoryTokenStore;
import dev.jirasdk.auth.PendingAuthorizationStore;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.auth.TokenStore;
import dev.jirasdk.sync.InMemorySyncStore;
import dev.jirasdk.sync.SyncStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assembles the SDK's real modules (and, in sandbox mode, the simulated Jira Cloud). */
final class SdkAssembly implements DemoServer.Assembly {
  private static final Logger log = LoggerFactory.getLogger(SdkAssembly.class);

  @Override
  public DemoServer.Parts build(Config config, int port, Clock clock) throws Exception {
    List<AutoCloseable> closeables = new ArrayList<>();
    try {
      Map<String, Object> info = new LinkedHashMap<>();
      String clientId;
      String clientSecret;
      String redirectUri;
      String authBase;
      String apiBase;
      if (config.sandbox()) {
        redirectUri = "http://localhost:" + port + "/auth/callback";
        Sandbox sandbox = Sandbox.start(config, redirectUri, clock);
        closeables.add(sandbox);
        clientId = sandbox.clientId();
        clientSecret = sandbox.clientSecret();
        authBase = sandbox.authBaseUrl();
        apiBase = sandbox.apiBaseUrl();
        info.put("sandbox", true);
        info.put("sandboxInfo", sandbox.describe());
      } else {
        redirectUri = config.redirectUri();
        clientId = config.clientId().orElseThrow();
        clientSecret = config.clientSecret().orElseThrow();
        authBase = config.authBaseUrl();
        apiBase = config.apiBaseUrl();
        info.put("sandbox", false);
      }
      info.put("redirectUri", redirectUri);
      info.put("adminTokenRequired", config.adminTokenRequired());
      info.put("version", version());

      TokenCipher cipher = config.sandbox() && config.tokenEncryptionKey().isEmpty()
          ? TokenCipher.ephemeral() : KeyFile.cipher(config.tokenEncryptionKey(), config.databasePath());
      TokenStore tokens = new InMemoryTokenStore();
      AccountStore accounts = new InMemoryAccountStore();
      PendingAuthorizationStore pending = new InMemoryPendingAuthorizationStore();
      SyncStore syncStore = new InMemorySyncStore();
      info.put("store", "in-memory");

      OkHttpClient http = new OkHttpClient();
      closeables.add(() -> {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
      });
      AtlassianOAuth oauth = AtlassianOAuth.builder()
          .clientId(clientId)
          .clientSecret(clientSecret)
          .redirectUri(redirectUri)
          .scopes(config.scopes())
          .authBaseUrl(authBase)
          .apiBaseUrl(apiBase)
          .httpClient(http)
          .tokenStore(tokens)
          .accountStore(accounts)
          .pendingAuthorizationStore(pending)
          .tokenCipher(cipher)
          .clock(clock)
          .build();
      SyncPort sync = new SdkSyncPort(syncStore, SdkAssembly::unavailable, clock, 2);
      log.info("assembled: auth base {}, api base {}, redirect URI {}", authBase, apiBase, redirectUri);
      return new DemoServer.Parts(AuthPort.of(oauth), sync, redirectUri, info, closeables);
    } catch (Exception | Error e) {
      for (int i = closeables.size() - 1; i >= 0; i--) {
        try {
          closeables.get(i).close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static dev.jirasdk.sync.SyncRun unavailable(dev.jirasdk.auth.Connection c, dev.jirasdk.sync.SyncMode m,
      SdkSyncPort.LiveRun live) {
    throw new UnsupportedOperationException("the sync engine is not wired in yet");
  }

  private static String version() {
    String v = SdkAssembly.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
