package dev.jirasdk.demo;

import dev.jirasdk.auth.AtlassianOAuth;
import dev.jirasdk.auth.TokenCipher;
import dev.jirasdk.sync.JiraSync;
import dev.jirasdk.sync.RateGovernor;
import dev.jirasdk.sync.SyncMode;
import dev.jirasdk.sync.SyncRequest;
import dev.jirasdk.sync.SyncRun;
import dev.jirasdk.sync.SyncScheduler;
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
 * Assembles the SDK's real modules: the store ({@link DemoStore}: the SQLite file, or PostgreSQL), {@link
 * AtlassianOAuth}, {@link JiraSync} with a {@link RateGovernor} (its points budgets in PostgreSQL when the server runs on it), its
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
      }
      DemoStore store;
      try {
        store = DemoStore.open(config, clock);
      } catch (RuntimeException e) {
        if (pending != null) pending.thenAccept(Sandbox::close);
        throw e;
      }
      closeables.add(store);
      TokenCipher cipher = store.cipher();
      info.put("store", store.kind());

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
          .tokenStore(store.tokens())
          .accountStore(store.accounts())
          .pendingAuthorizationStore(store.pendingAuthorizations())
          .tokenCipher(cipher)
          .clock(clock)
          .build();

      SdkSyncPort syncPort = new SdkSyncPort(store.sync(), null, clock, 2);
      // On PostgreSQL the points budgets live in the database: instances that share it pace against one budget.
      RateGovernor.Builder governor = RateGovernor.builder().clock(clock);
      store.sharedQuotaLedger().ifPresent(governor::ledger);
      JiraSync.Builder syncBuilder = JiraSync.builder();
      // Instances that share the database claim each run there (one run per connection across them all) and
      // take a dead instance's run over once its claim expired.
      // On SQLite (one machine) the default id is stable, so a restarted server frees what its killed predecessor
      // held at once; on PostgreSQL each process gets its own unless INSTANCE_ID says otherwise.
      if (config.instanceId() != null) {
        syncBuilder.instanceId(config.instanceId());
      } else if (config.postgres().isEmpty()) {
        syncBuilder.instanceId(Config.DEFAULT_SQLITE_INSTANCE_ID);
      }
      JiraSync jiraSync = syncBuilder
          .claimTtl(config.syncClaimTtl())
          .clients(oauth::jiraClient)
          .store(store.sync())
          .rateGovernor(governor.build())
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
          // Running here, or on another instance that shares the database and holds the connection's claim.
          return jiraSync.activeConnections().contains(connectionId) || jiraSync.claimOf(connectionId).isPresent();
        }

        @Override
        public void cancel(String connectionId) {
          jiraSync.cancel(connectionId);
        }

        @Override
        public void releaseStaleClaim(String connectionId) {
          jiraSync.releaseStaleClaim(connectionId);
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

      info.put("instance", jiraSync.instanceId());
      log.info("instance {}: sync claims last {} without a heartbeat", jiraSync.instanceId(), config.syncClaimTtl());
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

  private static String version() {
    String v = SdkAssembly.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
