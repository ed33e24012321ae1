package io.gamehall.table;

/** A refused command; thrown before anything changed. Cheap: no stack trace. */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final String code;

  Refusal(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  static Refusal of(TableError error, String message) {
    return new Refusal(error.code(), message);
  }
}
