package io.gamehall.game;

import java.util.Arrays;

/**
 * A match's accepted actions kept as the text its snapshot writes ({@code "H8 H9 G7"}), appended as
 * each action is played and cut back on an undo, so a snapshot copies one string instead of
 * rendering every move again: tables are saved after nearly every move (docs/performance.md).
 */
public final class RenderedActions {
  private final char separator;
  private final StringBuilder text = new StringBuilder(256);

  /** ends[i] is the length of the text up to and including action i. */
  private int[] ends = new int[64];

  private int count;

  public RenderedActions(char separator) {
    this.separator = separator;
  }

  /** Appends one action, as its snapshot spells it; it may not contain the separator or '|'. */
  public void add(String action) {
    if (action.isEmpty() || action.indexOf(separator) >= 0 || action.indexOf('|') >= 0) {
      throw new IllegalArgumentException("not a single snapshot action: '" + action + "'");
    }
    if (count > 0) {
      text.append(separator);
    }
    text.append(action);
    if (count == ends.length) {
      ends = Arrays.copyOf(ends, count * 2);
    }
    ends[count++] = text.length();
  }

  /** Takes back the newest {@code n} actions. */
  public void removeLast(int n) {
    if (n < 0 || n > count) {
      throw new IllegalArgumentException("cannot take back " + n + " of " + count + " actions");
    }
    count -= n;
    text.setLength(count == 0 ? 0 : ends[count - 1]);
  }

  public int size() {
    return count;
  }

  /** The actions in order, joined by the separator; empty when there are none. */
  @Override
  public String toString() {
    return text.toString();
  }
}
