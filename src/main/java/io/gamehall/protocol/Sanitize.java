package io.gamehall.protocol;

/** Text hygiene for strings that other players will see. */
public final class Sanitize {
  private Sanitize() {}

  /**
   * Removes control and format characters (C0, C1, bidi overrides, zero-width) that can garble
   * other clients.
   */
  public static String withoutControlCharacters(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int type = Character.getType(cp);
      boolean drop =
          type == Character.CONTROL
              || type == Character.FORMAT
              || type == Character.SURROGATE
              || type == Character.UNASSIGNED
              || type == Character.PRIVATE_USE;
      if (drop && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      } else if (!drop && out != null) {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out == null ? s : out.toString();
  }
}
