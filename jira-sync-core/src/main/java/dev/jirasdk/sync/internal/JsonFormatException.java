package dev.jirasdk.sync.internal;

/**
 * A text that is not well-formed JSON; the message names the byte offset and what was wrong. When a response
 * body is read, {@link PageParser} turns it into Moshi's {@code JsonEncodingException}, so {@code JiraClient}
 * treats it exactly like any malformed body: retried as a damaged response, then reported as unexpected.
 */
public final class JsonFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public JsonFormatException(String message) {
    super(message);
  }
}
