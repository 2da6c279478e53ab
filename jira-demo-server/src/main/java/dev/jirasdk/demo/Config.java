package dev.jirasdk.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo server's settings, read from a map of environment-style names (the process environment merged
 * over an optional {@code .env} file). This is the only class of the project that looks at the environment,
 * and it only does so through {@link #fromEnvironment(Path)}; tests pass their own map to {@link #from(Map)}.
 *
 * <pre>{@code
 * Config config = Config.from(Map.of("PORT", "0", "SANDBOX", "true"));
 * }</pre>
 *
 * <p>Invalid settings fail fast: {@link #from(Map)} throws a {@link ConfigException} listing one line per
 * problem. Immutable and thread-safe; {@link #toString()} never shows the client secret, the encryption key
 * or the admin token.
 */
public final class Config {
  /** Essentials. */
  public static final String CLIENT_ID = "JIRA_CLIENT_ID";
  public static final String CLIENT_SECRET = "JIRA_CLIENT_SECRET";
  public static final String REDIRECT_URI = "JIRA_REDIRECT_URI";
  public static final String PORT = "PORT";
  /** Frequently used. */
  public static final String SANDBOX = "SANDBOX";
  public static final String DATABASE_PATH = "DATABASE_PATH";
  /** PostgreSQL instead of the SQLite file: {@code jdbc:postgresql://host:port/database}. */
  public static final String DB_URL = "JIRA_DB_URL";
  public static final String DB_USER = "JIRA_DB_USER";
  public static final String DB_PASSWORD = "JIRA_DB_PASSWORD";
  public static final String TOKEN_ENCRYPTION_KEY = "TOKEN_ENCRYPTION_KEY";
  public static final String BIND_ADDRESS = "BIND_ADDRESS";
  public static final String ADMIN_TOKEN = "ADMIN_TOKEN";
  public static final String DEBUG = "DEBUG";
  /** Rarely used. */
  public static final String AUTH_BASE_URL = "JIRA_AUTH_BASE_URL";
  public static final String API_BASE_URL = "JIRA_API_BASE_URL";
  public static final String SCOPES = "JIRA_SCOPES";
  public static final String TOKEN_REFRESH_INTERVAL = "TOKEN_REFRESH_INTERVAL";
  public static final String SYNC_INTERVAL = "SYNC_INTERVAL";
  public static final String HEALTH_CHECK_INTERVAL = "HEALTH_CHECK_INTERVAL";
  public static final String INSTANCE_ID = "INSTANCE_ID";
  public static final String SYNC_CLAIM_TTL = "SYNC_CLAIM_TTL";
  public static final String ALLOWED_HOSTS = "ALLOWED_HOSTS";
  public static final String SANDBOX_SEED = "SANDBOX_SEED";
  public static final String SANDBOX_DATASET = "SANDBOX_DATASET";

  public static final int DEFAULT_PORT = 3000;
  public static final String DEFAULT_REDIRECT_URI = "http://localhost:3000/auth/callback";
  public static final String DEFAULT_AUTH_BASE_URL = "https://auth.atlassian.com";
  public static final String DEFAULT_API_BASE_URL = "https://api.atlassian.com";
  public static final String DEFAULT_DATABASE_PATH = "./data/jira-demo.db";
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final Duration DEFAULT_TOKEN_REFRESH_INTERVAL = Duration.ofMinutes(30);
  public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofHours(1);
  public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_SYNC_CLAIM_TTL = Duration.ofSeconds(60);
  /** The instance id on SQLite when INSTANCE_ID is unset: one server per file, the same across restarts. */
  public static final String DEFAULT_SQLITE_INSTANCE_ID = "local";
  public static final List<String> DEFAULT_SCOPES = List.of("read:jira-work", "write:jira-work", "read:jira-user",
      "manage:jira-project", "manage:jira-configuration", "manage:jira-webhook", "manage:jira-data-provider",
      "offline_access");
  public static final int MIN_ADMIN_TOKEN_LENGTH = 16;

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)?");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");
  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9:_.-]{1,100}");
  private static final String PG_PREFIX = "jdbc:postgresql://";
  /** Host list (host, host:port, [v6]:port, comma-separated for failover), then a database name. */
  private static final Pattern PG_URL = Pattern.compile(
      "jdbc:postgresql://([A-Za-z0-9.:\\[\\]_,-]{1,1000})/([^/?#\\s]{1,63})(\\?[^#\\s]*)?");

  private final String clientId;
  private final String clientSecret;
  private final String redirectUri;
  private final boolean redirectUriConfigured;
  private final int port;
  private final boolean sandbox;
  private final Path databasePath;
  private final Postgres postgres;
  private final String tokenEncryptionKey;
  private final String bindAddress;
  private final String adminToken;
  private final boolean debug;
  private final String authBaseUrl;
  private final String apiBaseUrl;
  private final List<String> scopes;
  private final Duration tokenRefreshInterval;
  private final Duration syncInterval;
  private final Duration healthCheckInterval;
  private final String instanceId;
  private final Duration syncClaimTtl;
  private final Set<String> allowedHosts;
  private final long sandboxSeed;
  private final String sandboxDataset;

  private Config(Map<String, String> env, List<String> problems) {
    clientId = trimmed(env, CLIENT_ID);
    clientSecret = trimmed(env, CLIENT_SECRET);
    String sandboxValue = trimmed(env, SANDBOX);
    Boolean sandboxFlag = sandboxValue == null ? null : bool(SANDBOX, sandboxValue, problems);
    sandbox = sandboxFlag != null ? sandboxFlag : clientId == null;
    if (!sandbox) {
      if (clientId == null) problems.add(CLIENT_ID + " is required when " + SANDBOX + "=false"
          + " (create an OAuth 2.0 (3LO) app in the Atlassian Developer Console, or leave it unset for the sandbox)");
      if (clientSecret == null) problems.add(CLIENT_SECRET + " is required when " + CLIENT_ID + " is set");
    }
    port = integer(env, PORT, DEFAULT_PORT, 0, 65535, problems);
    String redirect = trimmed(env, REDIRECT_URI);
    redirectUriConfigured = redirect != null;
    redirectUri = redirect == null ? DEFAULT_REDIRECT_URI : redirect;
    url(REDIRECT_URI, redirectUri, problems, true);
    authBaseUrl = stripSlash(or(trimmed(env, AUTH_BASE_URL), DEFAULT_AUTH_BASE_URL));
    url(AUTH_BASE_URL, authBaseUrl, problems, false);
    apiBaseUrl = stripSlash(or(trimmed(env, API_BASE_URL), DEFAULT_API_BASE_URL));
    url(API_BASE_URL, apiBaseUrl, problems, false);
    databasePath = path(env, problems);
    postgres = postgres(env, problems);
    tokenEncryptionKey = trimmed(env, TOKEN_ENCRYPTION_KEY);
    if (tokenEncryptionKey != null) checkKey(tokenEncryptionKey, problems);
    if (postgres != null && !sandbox && tokenEncryptionKey == null) {
      problems.add(TOKEN_ENCRYPTION_KEY + " is required with " + DB_URL + ": every instance that shares the database"
          + " must seal tokens with the same key (e.g. the output of: openssl rand -base64 32)");
    }
    bindAddress = or(trimmed(env, BIND_ADDRESS), DEFAULT_BIND_ADDRESS);
    if (!HOST.matcher(bindAddress).matches()) {
      problems.add(BIND_ADDRESS + " must be an IP address or host name, got '" + printable(bindAddress) + "'");
    }
    adminToken = trimmed(env, ADMIN_TOKEN);
    if (adminToken != null && adminToken.length() < MIN_ADMIN_TOKEN_LENGTH) {
      problems.add(ADMIN_TOKEN + " must be at least " + MIN_ADMIN_TOKEN_LENGTH + " characters long");
    }
    String debugValue = trimmed(env, DEBUG);
    Boolean debugFlag = debugValue == null ? Boolean.FALSE : bool(DEBUG, debugValue, problems);
    debug = debugFlag != null && debugFlag;
    List<String> configured = scopes(env, problems);
    // The sandbox asks for the Agile scopes too, so its boards and sprints show; a real app opts in by listing
    // them in JIRA_SCOPES (a new scope makes every user consent again).
    scopes = sandbox && trimmed(env, SCOPES) == null ? withAgileScopes(configured) : configured;
    tokenRefreshInterval = duration(env, TOKEN_REFRESH_INTERVAL, DEFAULT_TOKEN_REFRESH_INTERVAL, problems);
    syncInterval = duration(env, SYNC_INTERVAL, DEFAULT_SYNC_INTERVAL, problems);
    healthCheckInterval = duration(env, HEALTH_CHECK_INTERVAL, DEFAULT_HEALTH_CHECK_INTERVAL, problems);
    instanceId = trimmed(env, INSTANCE_ID);
    if (instanceId != null && !INSTANCE.matcher(instanceId).matches()) {
      problems.add(INSTANCE_ID + " must be 1 to 100 letters, digits, '.', '_' or '-', got '" + printable(instanceId)
          + "'");
    }
    syncClaimTtl = duration(env, SYNC_CLAIM_TTL, DEFAULT_SYNC_CLAIM_TTL, problems);
    if (syncClaimTtl.isZero()) problems.add(SYNC_CLAIM_TTL + " cannot be off (a sync run always holds a claim)");
    allowedHosts = hosts(env, problems);
    sandboxSeed = integer(env, SANDBOX_SEED, 42, 0, Integer.MAX_VALUE, problems);
    sandboxDataset = or(trimmed(env, SANDBOX_DATASET), "standard").toLowerCase(Locale.ROOT);
    if (!sandboxDataset.equals("standard") && !sandboxDataset.equals("small")) {
      problems.add(SANDBOX_DATASET + " must be standard or small, got '" + printable(sandboxDataset) + "'");
    }
  }

  /**
   * Reads settings from {@code env}. Unknown names are ignored.
   *
   * @throws ConfigException listing every problem, one per line
   */
  public static Config from(Map<String, String> env) {
    Objects.requireNonNull(env, "env == null");
    List<String> problems = new ArrayList<>();
    Config config = new Config(env, problems);
    if (!problems.isEmpty()) throw new ConfigException(problems);
    return config;
  }

  /**
   * The process environment merged over {@code workingDirectory/.env} (the environment wins), as
   * {@link #from(Map)} reads it.
   */
  public static Config fromEnvironment(Path workingDirectory) {
    Map<String, String> merged = new LinkedHashMap<>(readDotEnv(workingDirectory.resolve(".env")));
    merged.putAll(System.getenv());
    return from(merged);
  }

  /**
   * Parses a {@code .env} file: {@code NAME=value} lines, {@code #} comments, optional {@code export }
   * prefix, and single or double quotes around the value. A missing file is an empty map.
   */
  static Map<String, String> readDotEnv(Path file) {
    Map<String, String> values = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) return values;
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(List.of("cannot read " + file + ": " + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    int number = 0;
    for (String raw : lines) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      if (line.startsWith("export ")) line = line.substring(7).strip();
      int eq = line.indexOf('=');
      if (eq <= 0) {
        problems.add(file.getFileName() + " line " + number + ": expected NAME=value");
        continue;
      }
      String name = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      char first = value.isEmpty() ? 0 : value.charAt(0);
      int close = first == '"' || first == '\'' ? value.indexOf(first, 1) : -1;
      if (close > 0) {
        value = value.substring(1, close);
      } else {
        int comment = value.indexOf(" #");
        if (comment >= 0) value = value.substring(0, comment).strip();
      }
      values.put(name, value);
    }
    if (!problems.isEmpty()) throw new ConfigException(problems);
    return values;
  }

  public Optional<String> clientId() {
    return Optional.ofNullable(clientId);
  }

  /** The OAuth client secret; never log it. */
  Optional<String> clientSecret() {
    return Optional.ofNullable(clientSecret);
  }

  /** The configured callback; in the sandbox the server uses {@code http://localhost:{port}/auth/callback}. */
  public String redirectUri() {
    return redirectUri;
  }

  public boolean redirectUriConfigured() {
    return redirectUriConfigured;
  }

  public int port() {
    return port;
  }

  public boolean sandbox() {
    return sandbox;
  }

  /** The SQLite file; not used when {@link #postgres()} is set. */
  public Path databasePath() {
    return databasePath;
  }

  /** The PostgreSQL database the whole server runs on, when {@value #DB_URL} is set; else the SQLite file. */
  public Optional<Postgres> postgres() {
    return Optional.ofNullable(postgres);
  }

  /** Base64 AES-256 key, if configured; never log it. */
  Optional<String> tokenEncryptionKey() {
    return Optional.ofNullable(tokenEncryptionKey);
  }

  public String bindAddress() {
    return bindAddress;
  }

  /** Never log it. */
  Optional<String> adminToken() {
    return Optional.ofNullable(adminToken);
  }

  public boolean adminTokenRequired() {
    return adminToken != null;
  }

  public boolean debug() {
    return debug;
  }

  public String authBaseUrl() {
    return authBaseUrl;
  }

  public String apiBaseUrl() {
    return apiBaseUrl;
  }

  public List<String> scopes() {
    return scopes;
  }

  /** Zero means the schedule is off. */
  public Duration tokenRefreshInterval() {
    return tokenRefreshInterval;
  }

  /** Zero means the schedule is off. */
  public Duration syncInterval() {
    return syncInterval;
  }

  /** Zero means the schedule is off. */
  public Duration healthCheckInterval() {
    return healthCheckInterval;
  }

  /** This instance's name in sync claims and schedule leases, or null for a generated one. */
  public String instanceId() {
    return instanceId;
  }

  /** How long a sync run's claim holds without a heartbeat: another instance takes a dead one's run over after it. */
  public Duration syncClaimTtl() {
    return syncClaimTtl;
  }

  /** Extra {@code host[:port]} values accepted in the Host header; empty means only the built-in ones. */
  public Set<String> allowedHosts() {
    return allowedHosts;
  }

  public long sandboxSeed() {
    return sandboxSeed;
  }

  /** {@code standard} (two sites, about 5,000 issues) or {@code small} (two sites, 100 issues). */
  public String sandboxDataset() {
    return sandboxDataset;
  }

  @Override
  public String toString() {
    return "Config[sandbox=" + sandbox + ", clientId=" + (clientId == null ? "-" : clientId)
        + ", clientSecret=" + (clientSecret == null ? "-" : "***") + ", redirectUri=" + redirectUri
        + ", bind=" + bindAddress + ":" + port
        + (postgres == null ? ", databasePath=" + databasePath : ", database=" + postgres)
        + ", tokenEncryptionKey=" + (tokenEncryptionKey == null ? "-" : "***")
        + ", adminToken=" + (adminToken == null ? "-" : "***") + ", debug=" + debug
        + ", authBaseUrl=" + authBaseUrl + ", apiBaseUrl=" + apiBaseUrl + ", scopes=" + scopes
        + ", tokenRefreshInterval=" + tokenRefreshInterval + ", syncInterval=" + syncInterval
        + ", healthCheckInterval=" + healthCheckInterval + "]";
  }

  // ---- parsing helpers

  private static String trimmed(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null) return null;
    v = v.strip();
    return v.isEmpty() ? null : v;
  }

  private static String or(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static Boolean bool(String name, String value, List<String> problems) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "1": case "true": case "yes": case "on": return Boolean.TRUE;
      case "0": case "false": case "no": case "off": return Boolean.FALSE;
      default:
        problems.add(name + " must be true or false, got '" + printable(value) + "'");
        return null;
    }
  }

  private static int integer(Map<String, String> env, String name, int fallback, int min, int max,
      List<String> problems) {
    String v = trimmed(env, name);
    if (v == null) return fallback;
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        problems.add(name + " must be between " + min + " and " + max + ", got " + n);
        return fallback;
      }
      return n;
    } catch (NumberFormatException e) {
      problems.add(name + " must be a whole number, got '" + printable(v) + "'");
      return fallback;
    }
  }

  private static void url(String name, String value, List<String> problems, boolean needsPath) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        problems.add(name + " must be an absolute http(s) URL, got '" + printable(value) + "'");
      } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
        problems.add(name + " must not have a query or fragment, got '" + printable(value) + "'");
      } else if (needsPath && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
        problems.add(name + " must include the callback path, e.g. " + DEFAULT_REDIRECT_URI);
      }
    } catch (URISyntaxException e) {
      problems.add(name + " is not a valid URL: '" + printable(value) + "'");
    }
  }

  private static Path path(Map<String, String> env, List<String> problems) {
    String v = or(trimmed(env, DATABASE_PATH), DEFAULT_DATABASE_PATH);
    try {
      return Path.of(v);
    } catch (RuntimeException e) {
      problems.add(DATABASE_PATH + " is not a valid path: '" + printable(v) + "'");
      return Path.of(DEFAULT_DATABASE_PATH);
    }
  }

  /**
   * {@value #DB_URL} with its user and password; the password is never echoed, and the URL is echoed without its
   * parameters (they may hold credentials).
   */
  private static Postgres postgres(Map<String, String> env, List<String> problems) {
    String url = trimmed(env, DB_URL);
    String user = trimmed(env, DB_USER);
    String password = env.get(DB_PASSWORD) == null || env.get(DB_PASSWORD).isEmpty() ? null : env.get(DB_PASSWORD);
    if (url == null) {
      if (user != null || password != null) {
        problems.add((user != null ? DB_USER : DB_PASSWORD) + " is set but " + DB_URL + " is not: set " + DB_URL
            + "=jdbc:postgresql://host:5432/database to use PostgreSQL, or remove it to use the SQLite file");
      }
      return null;
    }
    int before = problems.size();
    if (!url.startsWith(PG_PREFIX)) {
      problems.add(DB_URL + " must be a PostgreSQL JDBC URL like jdbc:postgresql://host:5432/database, got '"
          + printable(Postgres.withoutParameters(url)) + "'");
    } else if (url.substring(PG_PREFIX.length()).split("[/?]", 2)[0].contains("@")) {
      problems.add(DB_URL + " must not hold credentials (user:password@host): set " + DB_USER + " and "
          + DB_PASSWORD + " instead");
    } else if (!PG_URL.matcher(url).matches()) {
      problems.add(DB_URL + " must look like jdbc:postgresql://host:5432/database (a host, an optional port and a"
          + " database name), got '" + printable(Postgres.withoutParameters(url)) + "'");
    } else if (Postgres.hasParameter(url, "password") || Postgres.hasParameter(url, "user")) {
      problems.add(DB_URL + " must not name the user or the password: set " + DB_USER + " and " + DB_PASSWORD
          + " instead, so the password is never shown with the URL");
    }
    if (user != null && password == null) {
      problems.add(DB_PASSWORD + " is required with " + DB_USER);
    } else if (user == null && password != null) {
      problems.add(DB_USER + " is required with " + DB_PASSWORD);
    }
    if (trimmed(env, DATABASE_PATH) != null) {
      problems.add("set either " + DATABASE_PATH + " (the SQLite file) or " + DB_URL + " (PostgreSQL), not both");
    }
    return problems.size() > before ? null : new Postgres(url, user, password);
  }

  private static void checkKey(String key, List<String> problems) {
    try {
      int length = Base64.getDecoder().decode(key).length;
      if (length != 32) {
        problems.add(TOKEN_ENCRYPTION_KEY + " must be 32 bytes of base64 (AES-256), got " + length + " bytes");
      }
    } catch (IllegalArgumentException e) {
      problems.add(TOKEN_ENCRYPTION_KEY + " must be base64 (e.g. the output of: openssl rand -base64 32)");
    }
  }

  /** The scopes the Agile streams (boards, sprints, sprint membership) need. */
  static List<String> agileScopes() {
    return List.copyOf(dev.jirasdk.sync.JiraSync.requiredScopes(dev.jirasdk.sync.SyncRequest.AGILE_STREAMS));
  }

  private static List<String> withAgileScopes(List<String> scopes) {
    List<String> out = new ArrayList<>(scopes);
    for (String s : agileScopes()) if (!out.contains(s)) out.add(s);
    return List.copyOf(out);
  }

  /** Whether syncs include the Agile streams: when the scopes include every one they need. */
  public boolean syncsAgile() {
    return scopes.containsAll(agileScopes());
  }

  private static List<String> scopes(Map<String, String> env, List<String> problems) {
    String v = trimmed(env, SCOPES);
    if (v == null) return DEFAULT_SCOPES;
    List<String> out = new ArrayList<>();
    for (String s : v.split("[\\s,]+")) {
      if (s.isEmpty()) continue;
      if (!SCOPE.matcher(s).matches()) {
        problems.add(SCOPES + " has an invalid scope '" + printable(s) + "'");
      } else if (!out.contains(s)) {
        out.add(s);
      }
    }
    if (!out.contains("offline_access")) {
      problems.add(SCOPES + " must include offline_access, or Atlassian issues no refresh token");
    }
    return List.copyOf(out);
  }

  static Duration parseDuration(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.equals("off") || v.equals("never")) return Duration.ZERO;
    if (v.startsWith("pt") || v.startsWith("p")) {
      Duration d = Duration.parse(v.toUpperCase(Locale.ROOT));
      if (d.isNegative()) throw new IllegalArgumentException("negative");
      return d;
    }
    Matcher m = DURATION.matcher(v);
    if (!m.matches()) throw new IllegalArgumentException(value);
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    switch (unit) {
      case "ms": return Duration.ofMillis(n);
      case "s": return Duration.ofSeconds(n);
      case "m": return Duration.ofMinutes(n);
      case "h": return Duration.ofHours(n);
      default: return Duration.ofDays(n);
    }
  }

  private static Duration duration(Map<String, String> env, String name, Duration fallback,
      List<String> problems) {
    String v = trimmed(env, name);
    if (v == null) return fallback;
    try {
      Duration d = parseDuration(v);
      if (!d.isZero() && d.compareTo(Duration.ofSeconds(1)) < 0) {
        problems.add(name + " must be at least 1s (or off), got '" + printable(v) + "'");
        return fallback;
      }
      return d;
    } catch (IllegalArgumentException | DateTimeParseException e) {
      problems.add(name + " must be a duration like 90s, 30m, 1h, PT30M or off, got '" + printable(v) + "'");
      return fallback;
    }
  }

  private static Set<String> hosts(Map<String, String> env, List<String> problems) {
    String v = trimmed(env, ALLOWED_HOSTS);
    if (v == null) return Set.of();
    List<String> out = new ArrayList<>();
    for (String h : v.split("[\\s,]+")) {
      if (h.isEmpty()) continue;
      if (!HOST.matcher(h).matches()) {
        problems.add(ALLOWED_HOSTS + " has an invalid host '" + printable(h) + "'");
      } else {
        out.add(h.toLowerCase(Locale.ROOT));
      }
    }
    return Set.copyOf(out);
  }

  /** Echo user input into an error line without control characters and at bounded length. */
  private static String printable(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
  }

  /**
   * The PostgreSQL database of {@value #DB_URL}, {@value #DB_USER} and {@value #DB_PASSWORD}. {@link #toString()}
   * shows the URL without its parameters and never the password.
   *
   * @param url {@code jdbc:postgresql://host:port/database}, optionally with pgjdbc parameters (never the user or
   *     the password)
   * @param user the database user, or null for the driver's default (the operating system user)
   * @param password the user's password, or null when {@code user} is null; never log it
   */
  public record Postgres(String url, String user, String password) {
    /** {@code host:port/database}: the URL without its scheme and parameters. */
    public String description() {
      return withoutParameters(url).substring(PG_PREFIX.length());
    }

    @Override
    public String toString() {
      return "postgresql://" + description() + (user == null ? "" : " as " + user);
    }

    static String withoutParameters(String url) {
      int query = url.indexOf('?');
      return query < 0 ? url : url.substring(0, query);
    }

    static boolean hasParameter(String url, String name) {
      int query = url.indexOf('?');
      if (query < 0) return false;
      for (String pair : url.substring(query + 1).split("&")) {
        String key = pair.split("=", 2)[0].strip();
        if (key.equalsIgnoreCase(name)) return true;
      }
      return false;
    }
  }
}
