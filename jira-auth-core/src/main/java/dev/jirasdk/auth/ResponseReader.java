package dev.jirasdk.auth;

import java.io.IOException;
import okio.BufferedSource;

/**
 * Reads a successful response body as it streams in, for example with Moshi's
 * {@code JsonReader.of(source)}, so large pages never sit in memory as one string.
 */
@FunctionalInterface
public interface ResponseReader<T> {
  T read(BufferedSource body) throws IOException;
}
