package dev.jirasdk.demo;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.store.sqlite.SqliteStore;
import dev.jirasdk.sync.JiraSync;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncRequest;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.SyncScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the SDK's real modules: the SQLite store, {@link AtlassianOAuth}, {@link JiraSync} and its
 * {@link SyncScheduler}, and in sandbox mode the simulated Jira Cloud.
 */
final class SdkAssembly implements DemoServer.Assembly {
  private static final Logger log = LoggerFactory.getLogger(SdkAssembly.class);
  static final int SYNC_PARALLELISM = 3;

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
      Path database = config.sandbox() ? sandboxDatabase(config.databasePath()) : config.databasePath();
      // Generating the sandbox's data and opening the store are independent: do them side by side.
      CompletableFuture<Sandbox> pending = null;
      if (config.sandbox()) {
        String callback = "http://localhost:" + port + "/auth/callback";
        pending = CompletableFuture.supplyAsync(() -> Sandbox.start(config, callback, clock),
            runnable -> {
              Thread t = new Thread(runnable, "demo-sandbox-start");
              t.setDaemon(true);
              t.start();
            });
        resetSandboxDatabase(database);
      }
      DataFiles.prepare(database);
      TokenCipher cipher = config.sandbox()
          ? config.tokenEncryptionKey().map(k -> TokenCipher.of(KeyFile.ENV_KEY_ID, k)).orElseGet(TokenCipher::ephemeral)
          : KeyFile.cipher(config.tokenEncryptionKey(), database);
      SqliteStore store;
      try {
        store = SqliteStore.builder().path(database).cipher(cipher).clock(clock).build();
      } catch (RuntimeException e) {
        if (pending != null) pending.thenAccept(Sandbox::close);
        throw e;
      }
      closeables.add(store);
      info.put("store", "sqlite");
      log.info("store: {}", database);

      if (config.sandbox()) {
        redirectUri = "http://localhost:" + port + "/auth/callback";
        Sandbox sandbox;
        try {
          sandbox = pending.join();
        } catch (CompletionException e) {
          throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
        closeables.add(sandbox);
        clientId = sandbox.clientId();
        clientSecret = sandbox.clientSecret();
        authBase = sandbox.authBaseUrl();
        apiBase = sandbox.apiBaseUrl();
        info.put("sandbox", true);
        info.put("sandboxInfo", sandbox.describe());
        if (config.redirectUriConfigured()) {
          log.info("sandbox: {} is not used; the sandbox's callback is {}", Config.REDIRECT_URI, redirectUri);
        }
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
          .tokenStore(store)
          .accountStore(store)
          .pendingAuthorizationStore(store)
          .tokenCipher(cipher)
          .clock(clock)
          .build();

      SdkSyncPort syncPort = new SdkSyncPort(store, null, clock, 2);
      JiraSync jiraSync = JiraSync.builder()
          .clients(oauth::jiraClient)
          .store(store)
          .clock(clock)
          .parallelism(SYNC_PARALLELISM)
          .listener(syncPort)
          .build();
      closeables.add(jiraSync);
      syncPort.engine(new SdkSyncPort.Engine() {
        @Override
        public SyncRun run(String connectionId, SyncMode mode) {
          SyncRequest request = mode == SyncMode.FULL ? SyncRequest.full() : SyncRequest.incremental();
          return jiraSync.sync(connectionId, config.syncsAgile() ? request.withAgileStreams() : request);
        }

        @Override
        public boolean active(String connectionId) {
          return jiraSync.activeConnections().contains(connectionId);
        }

        @Override
        public void cancel(String connectionId) {
          jiraSync.cancel(connectionId);
        }

        @Override
        public java.util.Optional<SyncRun> progress(String connectionId) {
          return jiraSync.progress(connectionId);
        }
      });

      SyncScheduler scheduler = SyncScheduler.builder()
          .sync(jiraSync)
          .accounts(oauth.accounts())
          .tokens(oauth.tokens())
          .clock(clock)
          .syncInterval(SchedulerView.orNever(config.syncInterval()))
          .keepAliveInterval(SchedulerView.orNever(config.tokenRefreshInterval()))
          .healthInterval(SchedulerView.orNever(config.healthCheckInterval()))
          .onHealth(h -> {
            if (!h.healthy()) log.warn("health: connection {} unhealthy: {}", h.connectionId(), h.problem());
          })
          .build();
      Background background = new SchedulerView(scheduler, oauth.accounts(), config.tokenRefreshInterval(),
          config.syncInterval(), config.healthCheckInterval(), syncPort::lastScheduledRun);

      log.info("assembled: auth base {}, api base {}, redirect URI {}", authBase, apiBase, redirectUri);
      return new DemoServer.Parts(AuthPort.of(oauth), syncPort, background, redirectUri, info, closeables);
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

  /**
   * The simulated cloud is new on every start, so is its database: tokens of the previous one are void.
   * {@code data/jira-demo.db} becomes {@code data/jira-demo-sandbox.db}: sandbox data never mixes with real.
   */
  static Path sandboxDatabase(Path configured) {
    String name = configured.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String sandboxName = dot > 0 ? name.substring(0, dot) + "-sandbox" + name.substring(dot) : name + "-sandbox";
    return configured.resolveSibling(sandboxName);
  }

  private static void resetSandboxDatabase(Path database) throws IOException {
    boolean existed = false;
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      existed |= Files.deleteIfExists(database.resolveSibling(database.getFileName() + suffix));
    }
    if (existed) log.info("sandbox: started from an empty database ({})", database);
  }

  private static String version() {
    String v = SdkAssembly.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
