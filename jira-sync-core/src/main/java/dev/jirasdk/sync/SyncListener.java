package dev.jirasdk.sync;

/**
 * Receives {@link SyncEvent}s. Called on the sync's threads, one event of a stream at a time; keep it quick and
 * do not throw (exceptions are logged and ignored).
 */
@FunctionalInterface
public interface SyncListener {
  SyncListener NONE = event -> {};

  void onEvent(SyncEvent event);
}
