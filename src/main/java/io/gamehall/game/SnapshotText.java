package io.gamehall.game;

import java.util.List;

/**
 * The envelope of every game's match snapshot: {@code <game>/<format version>} and then fields, all
 * separated by {@code |}, which no field may contain. Each game decides its fields; a reader
 * refuses any other game or version, so a format change is a new version number and an old server
 * never misreads a newer snapshot.
 */
public final class SnapshotText {
  private static final String SEPARATOR = "|";

  private SnapshotText() {}

  public static String join(String game, int version, String... fields) {
    StringBuilder out = new StringBuilder(game).append('/').append(version);
    for (String field : fields) {
      if (field.contains(SEPARATOR)) {
        throw new IllegalArgumentException("a snapshot field may not contain '|'");
      }
      out.append(SEPARATOR).append(field);
    }
    return out.toString();
  }

  /**
   * The {@code count} fields of a snapshot of {@code game} in format {@code version}; anything else
   * is refused.
   */
  public static List<String> split(String snapshot, String game, int version, int count) {
    if (snapshot == null) {
      throw new IllegalArgumentException("no snapshot");
    }
    String[] parts = snapshot.split("\\|", -1);
    String header = game + "/" + version;
    if (!parts[0].equals(header)) {
      throw new IllegalArgumentException("not a " + header + " snapshot");
    }
    if (parts.length != count + 1) {
      throw new IllegalArgumentException(
          header + " snapshot has " + (parts.length - 1) + " fields, not " + count);
    }
    return List.of(parts).subList(1, parts.length);
  }

  /** Words separated by {@code separator}; an empty field is an empty list. */
  public static List<String> words(String field, String separator) {
    return field.isEmpty()
        ? List.of()
        : List.of(field.split(java.util.regex.Pattern.quote(separator), -1));
  }
}
