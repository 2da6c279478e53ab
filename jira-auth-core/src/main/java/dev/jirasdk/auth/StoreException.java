package dev.jirasdk.auth;

/** A store could not read or write. Nothing was half-written: the operation's transaction rolled back. */
public class StoreException extends JiraException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
