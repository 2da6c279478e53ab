package dev.jirasdk.auth;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a successful response body as it streams in, so large pages never sit in memory as one string.
 *
 * <pre>{@code
 * byte[] page = jira.execute(request, InputStream::readAllBytes);
 * Map<String, Object> json = jira.execute(request, body -> moshiAdapter.fromJson(Okio.buffer(Okio.source(body))));
 * }</pre>
 *
 * <p>The stream is the HTTP response's; the client closes it after {@link #read} returns. An
 * {@link IOException} while reading (a connection that ends early) counts as a connection fault and is retried
 * like one when the request is safe to retry.
 *
 * @param <T> what the reader makes of the body
 */
@FunctionalInterface
public interface ResponseReader<T> {
  /** Reads {@code body}, the response body of a 2xx answer. */
  T read(InputStream body) throws IOException;
}
