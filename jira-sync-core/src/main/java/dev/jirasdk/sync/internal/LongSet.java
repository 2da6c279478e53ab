package dev.jirasdk.sync.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A set of ids held as primitive longs (8 bytes each, so a 100,000-issue census fits in under a megabyte);
 * non-numeric ids fall back to a small string set. Add everything, then query. Not thread-safe.
 */
public final class LongSet {
  private long[] values = new long[1024];
  private int size;
  private boolean sorted = true;
  private final Set<String> other = new HashSet<>();

  public void add(String id) {
    long v;
    try {
      v = Long.parseLong(id);
    } catch (NumberFormatException e) {
      other.add(id);
      return;
    }
    if (size == values.length) values = Arrays.copyOf(values, size * 2);
    if (size > 0 && values[size - 1] > v) sorted = false;
    values[size++] = v;
  }

  public boolean contains(String id) {
    long v;
    try {
      v = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return other.contains(id);
    }
    if (!sorted) {
      Arrays.sort(values, 0, size);
      sorted = true;
    }
    return Arrays.binarySearch(values, 0, size, v) >= 0;
  }

  public int size() {
    return size + other.size();
  }
}
