package io.gamehall.table;

/** Text hygiene for chat lines and nicknames that other players will see. */
final class ChatText {
  private ChatText() {}

  /**
   * Removes control and format characters (C0, C1, bidi overrides, zero-width), lone surrogates,
   * unassigned and private-use code points, which can garble or spoof other clients, then trims
   * surrounding white space.
   */
  static String clean(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int type = Character.getType(cp);
      boolean drop =
          type == Character.CONTROL
              || type == Character.FORMAT
              || type == Character.SURROGATE
              || type == Character.UNASSIGNED
              || type == Character.PRIVATE_USE;
      if (!drop) {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.toString().strip();
  }

  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** The first {@code max} code points of {@code s}. */
  static String truncate(String s, int max) {
    return length(s) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
  }
}
