package dev.jirasdk.sync.internal;

/**
 * A text that is not well-formed JSON; the message names the byte offset and what was wrong. When a response
 * body is read, {@link PageParser} turns it into the SDK's {@code MalformedResponseException}, so
 * {@code JiraClient} treats it like any malformed body: retried as a damaged response, then reported.
 */
public final class JsonFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public JsonFormatException(String message) {
    super(message);
  }
}
