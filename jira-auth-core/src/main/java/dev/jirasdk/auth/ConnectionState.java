package dev.jirasdk.auth;

/** What a host application may do with a connection. */
public enum ConnectionState {
  /** Usable. */
  ACTIVE,
  /** The grant behind it needs the user to authorize again. Data is kept. */
  REAUTH_REQUIRED,
  /** Switched off by the host. Data is kept; a new consent by the same account reactivates it. */
  DEACTIVATED
}
