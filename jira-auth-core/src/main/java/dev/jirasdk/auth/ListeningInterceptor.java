package dev.jirasdk.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells a {@link RequestListener} about each attempt; sits inside the retry layer, so it sees every attempt. */
final class ListeningInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(ListeningInterceptor.class);
  /** {@code "global-app-quota";r=17842;t=2107}: the points left in the current window. */
  private static final Pattern REMAINING = Pattern.compile("(?:^|;)\\s*r\\s*=\\s*(\\d+)");

  private final RequestListener listener;
  private final String connectionId;
  private final String sitePrefix;

  ListeningInterceptor(RequestListener listener, String connectionId, String sitePrefix) {
    this.listener = listener;
    this.connectionId = connectionId;
    this.sitePrefix = sitePrefix;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    long start = System.nanoTime();
    String method = chain.request().method();
    String path = chain.request().url().encodedPath();
    path = path.startsWith(sitePrefix) ? path.substring(sitePrefix.length()) : path;
    Response response;
    try {
      response = chain.proceed(chain.request());
    } catch (IOException e) {
      tell(new RequestListener.RequestEvent(connectionId, method, path, RequestListener.RequestEvent.NO_RESPONSE,
          Duration.ofNanos(System.nanoTime() - start), null, -1));
      throw e;
    }
    String quota = response.header("RateLimit", response.header("Beta-RateLimit"));
    tell(new RequestListener.RequestEvent(connectionId, method, path, response.code(),
        Duration.ofNanos(System.nanoTime() - start), response.code() == 429 ? response.header("RateLimit-Reason") : null,
        remaining(quota)));
    return response;
  }

  static long remaining(String header) {
    if (header == null) return -1;
    Matcher m = REMAINING.matcher(header);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private void tell(RequestListener.RequestEvent event) {
    try {
      listener.answered(event);
    } catch (RuntimeException e) {
      log.warn("request listener failed on {} {}; ignored", event.method(), event.path(), e);
    }
  }
}
