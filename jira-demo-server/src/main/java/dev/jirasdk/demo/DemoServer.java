package dev.jirasdk.demo;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo server: the SDK's modules behind the Node demo's HTTP endpoints and a web dashboard, on Undertow.
 *
 * <pre>{@code
 * try (DemoServer server = DemoServer.start(Config.from(Map.of("PORT", "0")))) {
 *   System.out.println(server.baseUrl() + "/dashboard");
 * }
 * }</pre>
 *
 * <p>The listener opens first and answers 503 until the parts are assembled, so the port is known before the
 * sandbox registers its callback URL. {@link #close()} stops the schedules, lets runs commit their page in
 * flight, stops the listener and closes the store and the sandbox; it is idempotent. Thread-safe.
 */
public final class DemoServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DemoServer.class);
  static final int MAX_BODY_BYTES = 16 * 1024;
  /** Worker threads that run handlers; request bodies never hold one (they are read on the I/O threads). */
  static final int WORKER_THREADS = 16;
  static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);

  /** What {@link DemoServer} assembles: built after the listener knows its port. */
  interface Assembly {
    Parts build(Config config, int port, Clock clock) throws Exception;
  }

  /** The assembled parts; {@code closeables} are closed last to first after the sync port. */
  record Parts(AuthPort auth, SyncPort sync, Background background, String redirectUri,
      Map<String, Object> serverInfo, List<AutoCloseable> closeables) {}

  private final Undertow undertow;
  private final int port;
  private final String host;
  private final Background schedules;
  private final Parts parts;
  private boolean closed;

  private DemoServer(Undertow undertow, int port, String host, Background schedules, Parts parts) {
    this.undertow = undertow;
    this.port = port;
    this.host = host;
    this.schedules = schedules;
    this.parts = parts;
  }

  /** Starts the server with the SDK's real modules (and the sandbox when configured). */
  public static DemoServer start(Config config) {
    return start(config, new SdkAssembly(), Clock.systemUTC());
  }

  static DemoServer start(Config config, Assembly assembly, Clock clock) {
    return start(config, assembly, clock, BODY_TIMEOUT);
  }

  /** @param bodyTimeout how long a request body may take to arrive (408 after that) */
  static DemoServer start(Config config, Assembly assembly, Clock clock, Duration bodyTimeout) {
    Objects.requireNonNull(config, "config == null");
    Switch root = new Switch();
    Undertow undertow = Undertow.builder()
        .addHttpListener(config.port(), config.bindAddress())
        .setWorkerThreads(WORKER_THREADS)
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, (long) MAX_BODY_BYTES * 4)
        .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 32 * 1024)
        .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) bodyTimeout.toMillis())
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
        .setHandler(root)
        .build();
    try {
      undertow.start();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("cannot listen on " + config.bindAddress() + ":" + config.port() + ": "
          + cause.getMessage() + " (set PORT or BIND_ADDRESS to something free)", e);
    }
    int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    Parts parts;
    try {
      parts = assembly.build(config, port, clock);
    } catch (Exception e) {
      undertow.stop();
      if (e instanceof RuntimeException) throw (RuntimeException) e;
      throw new IllegalStateException("demo server failed to start: " + e.getMessage(), e);
    }
    Background schedules = parts.background();
    Api api = new Api(parts.auth(), parts.sync(), schedules, clock, parts.serverInfo());
    Router router = new Router();
    api.register(router);
    String canonical = loopbackAuthority(parts.redirectUri());
    new Pages(canonical).register(router);
    Sessions sessions = new Sessions(clock);
    Set<String> hosts = allowedHosts(config, port, parts.redirectUri());
    boolean secure = parts.redirectUri().toLowerCase(Locale.ROOT).startsWith("https:");
    root.target = new Front(router, api, hosts, config.adminToken().orElse(null), MAX_BODY_BYTES, secure,
        bodyTimeout.toMillis(), sessions);
    try {
      int marked = parts.sync().recoverInterrupted(parts.auth().accounts().connections());
      if (marked > 0) log.info("{} sync run(s) left running by an earlier process are marked interrupted", marked);
    } catch (RuntimeException e) {
      log.warn("could not check for interrupted syncs: {}", e.toString());
    }
    schedules.start();
    Thread resume = new Thread(() -> {
      try {
        int n = parts.sync().resumeInterrupted(parts.auth().accounts().connections());
        if (n > 0) log.info("resumed {} sync run(s) interrupted by the last shutdown", n);
      } catch (RuntimeException e) {
        log.warn("could not resume interrupted syncs: {}", e.toString());
      }
    }, "demo-resume");
    resume.setDaemon(true);
    resume.start();
    DemoServer server = new DemoServer(undertow, port, config.bindAddress(), schedules, parts);
    log.info("Jira SDK demo server ready on http://{}:{}/dashboard{}", displayHost(config.bindAddress()), port,
        config.sandbox() ? " (sandbox: simulated Jira Cloud, no Atlassian account needed)" : "");
    if (config.adminTokenRequired()) log.info("admin token required on /api calls");
    if (!isLoopback(config.bindAddress())) {
      log.warn("listening on {}, reachable from other machines{}{}", config.bindAddress(),
          config.adminTokenRequired() ? "" : "; set ADMIN_TOKEN", config.allowedHosts().isEmpty()
              ? "; set ALLOWED_HOSTS to the names it is reached by (Host header checks are off)" : "");
    }
    return server;
  }

  /** The server's own schedules over the ports (used where sync-core's scheduler is not wired, as in tests). */
  static Schedules schedules(Config config, AuthPort auth, SyncPort sync, Clock clock) {
    Schedules s = new Schedules(clock);
    s.add("token-refresh", "Refresh tokens that are about to expire and keep idle grants alive",
        config.tokenRefreshInterval(), () -> {
          int n = auth.keepAlive(config.tokenRefreshInterval()).size();
          return n == 0 ? "all tokens fresh" : "checked " + n + " grant(s)";
        });
    s.add("incremental-sync", "Incremental sync of every active account", config.syncInterval(), () -> {
      int started = 0;
      int skipped = 0;
      for (var c : auth.accounts().connections()) {
        if (c.state() != dev.jirasdk.auth.ConnectionState.ACTIVE) continue;
        try {
          sync.start(c, false);
          started++;
        } catch (SyncPort.SyncConflictException e) {
          skipped++;
        }
      }
      return "started " + started + " run(s)" + (skipped == 0 ? "" : ", " + skipped + " already running");
    });
    s.add("health", "Check the store and every account's token state", config.healthCheckInterval(), () -> {
      boolean up = sync.healthy();
      long reauth = auth.accounts().connections().stream()
          .filter(c -> c.state() == dev.jirasdk.auth.ConnectionState.REAUTH_REQUIRED).count();
      return (up ? "store up" : "store DOWN") + (reauth == 0 ? "" : ", " + reauth + " account(s) need re-auth");
    });
    return s;
  }

  static Set<String> allowedHosts(Config config, int port, String redirectUri) {
    Set<String> hosts = new LinkedHashSet<>();
    boolean loopback = isLoopback(config.bindAddress());
    if (!loopback && config.allowedHosts().isEmpty()) return Set.of();
    if (loopback) {
      hosts.add("localhost:" + port);
      hosts.add("127.0.0.1:" + port);
      hosts.add("[::1]:" + port);
    }
    hosts.add((config.bindAddress() + ":" + port).toLowerCase(Locale.ROOT));
    String authority = URI.create(redirectUri).getRawAuthority();
    if (authority != null) hosts.add(authority.toLowerCase(Locale.ROOT));
    for (String h : config.allowedHosts()) {
      hosts.add(h);
      if (!h.contains(":") || h.endsWith("]")) hosts.add(h + ":" + port);
    }
    return hosts;
  }

  private static boolean isLoopback(String address) {
    if (address.equalsIgnoreCase("localhost")) return true;
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The redirect URI's authority when it is on this machine: pages redirect there so the cookie matches. */
  private static String loopbackAuthority(String redirectUri) {
    URI uri = URI.create(redirectUri);
    return uri.getHost() != null && isLoopback(uri.getHost()) ? uri.getRawAuthority() : null;
  }

  private static String displayHost(String bind) {
    return bind.equals("127.0.0.1") || bind.equals("0.0.0.0") ? "localhost" : bind;
  }

  public int port() {
    return port;
  }

  /** {@code http://host:port}, for the bind address. */
  public String baseUrl() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port;
  }

  /** The callback URL that OAuth uses (in the sandbox: {@code http://localhost:{port}/auth/callback}). */
  public String redirectUri() {
    return parts.redirectUri();
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) return;
      closed = true;
    }
    log.info("shutting down: stopping schedules, letting syncs commit their page in flight");
    try {
      // First, so that every run the shutdown stops (the scheduler's too) is recorded as interrupted.
      parts.sync().close();
    } catch (RuntimeException e) {
      log.warn("sync shutdown: {}", e.toString());
    }
    schedules.close();
    undertow.stop();
    List<AutoCloseable> closeables = new ArrayList<>(parts.closeables());
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        log.warn("shutdown: {}", e.toString());
      }
    }
    log.info("stopped");
  }

  /** Answers 503 until the assembled handler is in place. */
  private static final class Switch implements HttpHandler {
    volatile HttpHandler target;

    @Override
    public void handleRequest(io.undertow.server.HttpServerExchange exchange) throws Exception {
      HttpHandler t = target;
      if (t != null) {
        t.handleRequest(exchange);
        return;
      }
      exchange.setStatusCode(503);
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
      exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
      exchange.getResponseSender().send(
          Json.write(new ApiError(503, "starting", "the server is starting").body()), StandardCharsets.UTF_8);
    }
  }
}
