package dev.jirasdk.sync.internal;

/** An open-addressing set of 64-bit hashes (8 bytes a slot, at most half full). Not thread-safe. */
final class LongHashSet {
  private long[] slots = new long[64];
  private int size;

  /** Adds {@code h}; true if it was not there. */
  boolean add(long h) {
    long v = h == 0 ? 1 : h;
    if ((size + 1) * 2 > slots.length) grow();
    int mask = slots.length - 1;
    int i = mix(v) & mask;
    while (slots[i] != 0) {
      if (slots[i] == v) return false;
      i = (i + 1) & mask;
    }
    slots[i] = v;
    size++;
    return true;
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    size = 0;
    for (long v : old) if (v != 0) add(v);
  }

  private static int mix(long v) {
    long x = v * 0x9E3779B97F4A7C15L;
    return (int) (x ^ (x >>> 32));
  }

  /** 64-bit FNV-1a of a string's chars. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** 64-bit FNV-1a of bytes. */
  static long hash(byte[] b) {
    long h = 0xcbf29ce484222325L;
    for (byte x : b) {
      h ^= x & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
