package io.gamehall.game.xiangqi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deliberately naive, engine-independent Xiangqi move generator used only to cross-check the
 * engine.
 */
// Shares no code with the engine: its own FEN reader, a char[rank][file] grid, coordinates checked
// one by one, and
// legality decided by generating every enemy move and looking for one that lands on our general.
final class ReferenceMoveGenerator {

  private final char[][] grid; // grid[rank][file]; rank 0 is red's back rank; '.' is empty
  private final boolean redToMove;

  private ReferenceMoveGenerator(char[][] grid, boolean redToMove) {
    this.grid = grid;
    this.redToMove = redToMove;
  }

  static ReferenceMoveGenerator fromFen(String fen) {
    String[] fields = fen.trim().split("\\s+");
    String[] rows = fields[0].split("/");
    char[][] g = new char[10][9];
    for (int i = 0; i < 10; i++) {
      int rank = 9 - i;
      int file = 0;
      for (char c : rows[i].toCharArray()) {
        if (Character.isDigit(c)) {
          for (int k = 0; k < c - '0'; k++) {
            g[rank][file++] = '.';
          }
        } else {
          char normal =
              switch (c) {
                case 'e' -> 'b';
                case 'E' -> 'B';
                case 'h' -> 'n';
                case 'H' -> 'N';
                default -> c;
              };
          g[rank][file++] = normal;
        }
      }
    }
    return new ReferenceMoveGenerator(g, fields.length < 2 || !fields[1].equals("b"));
  }

  /** Legal moves as ICCS strings. */
  List<String> legalMoves() {
    List<String> legal = new ArrayList<>();
    for (int[] m : pseudoMoves(grid, redToMove)) {
      char[][] after = apply(grid, m);
      if (!generalAttacked(after, redToMove) && !generalsFace(after)) {
        legal.add(iccs(m));
      }
    }
    return legal;
  }

  /**
   * Squares (ICCS style, e.g. "e9") that the side to move could reach ignoring its own general's
   * safety.
   */
  java.util.Set<String> pseudoMoveTargets() {
    java.util.Set<String> targets = new java.util.HashSet<>();
    for (int[] m : pseudoMoves(grid, redToMove)) {
      targets.add("" + (char) ('a' + m[3]) + m[2]);
    }
    return targets;
  }

  long perft(int depth) {
    if (depth == 0) {
      return 1;
    }
    long total = 0;
    for (int[] m : pseudoMoves(grid, redToMove)) {
      char[][] after = apply(grid, m);
      if (generalAttacked(after, redToMove) || generalsFace(after)) {
        continue;
      }
      total += depth == 1 ? 1 : new ReferenceMoveGenerator(after, !redToMove).perft(depth - 1);
    }
    return total;
  }

  Map<String, Long> divide(int depth) {
    Map<String, Long> result = new TreeMap<>();
    for (int[] m : pseudoMoves(grid, redToMove)) {
      char[][] after = apply(grid, m);
      if (generalAttacked(after, redToMove) || generalsFace(after)) {
        continue;
      }
      result.put(iccs(m), new ReferenceMoveGenerator(after, !redToMove).perft(depth - 1));
    }
    return result;
  }

  private static String iccs(int[] m) {
    return "" + (char) ('a' + m[1]) + m[0] + (char) ('a' + m[3]) + m[2];
  }

  private static char[][] apply(char[][] g, int[] m) {
    char[][] copy = new char[10][];
    for (int r = 0; r < 10; r++) {
      copy[r] = g[r].clone();
    }
    copy[m[2]][m[3]] = copy[m[0]][m[1]];
    copy[m[0]][m[1]] = '.';
    return copy;
  }

  private static boolean isRed(char c) {
    return Character.isUpperCase(c);
  }

  private static boolean onBoard(int r, int f) {
    return r >= 0 && r <= 9 && f >= 0 && f <= 8;
  }

  private static boolean inPalace(int r, int f, boolean red) {
    return f >= 3 && f <= 5 && (red ? r <= 2 : r >= 7);
  }

  private static boolean onOwnSide(int r, boolean red) {
    return red ? r <= 4 : r >= 5;
  }

  private static boolean friendly(char[][] g, int r, int f, boolean red) {
    return g[r][f] != '.' && isRed(g[r][f]) == red;
  }

  /** Moves as {fromRank, fromFile, toRank, toFile}. */
  private static List<int[]> pseudoMoves(char[][] g, boolean red) {
    List<int[]> out = new ArrayList<>();
    for (int r = 0; r < 10; r++) {
      for (int f = 0; f < 9; f++) {
        char c = g[r][f];
        if (c == '.' || isRed(c) != red) {
          continue;
        }
        switch (Character.toLowerCase(c)) {
          case 'k' -> {
            int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
            for (int[] s : steps) {
              int tr = r + s[0];
              int tf = f + s[1];
              if (onBoard(tr, tf) && inPalace(tr, tf, red) && !friendly(g, tr, tf, red)) {
                out.add(new int[] {r, f, tr, tf});
              }
            }
          }
          case 'a' -> {
            int[][] steps = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
            for (int[] s : steps) {
              int tr = r + s[0];
              int tf = f + s[1];
              if (onBoard(tr, tf) && inPalace(tr, tf, red) && !friendly(g, tr, tf, red)) {
                out.add(new int[] {r, f, tr, tf});
              }
            }
          }
          case 'b' -> {
            int[][] steps = {{2, 2}, {2, -2}, {-2, 2}, {-2, -2}};
            for (int[] s : steps) {
              int tr = r + s[0];
              int tf = f + s[1];
              if (onBoard(tr, tf)
                  && onOwnSide(tr, red)
                  && g[r + s[0] / 2][f + s[1] / 2] == '.'
                  && !friendly(g, tr, tf, red)) {
                out.add(new int[] {r, f, tr, tf});
              }
            }
          }
          case 'n' -> {
            // {dr, df, legDr, legDf}: the leg is the orthogonal step along the long side of the L.
            int[][] jumps = {
              {2, 1, 1, 0}, {2, -1, 1, 0}, {-2, 1, -1, 0}, {-2, -1, -1, 0},
              {1, 2, 0, 1}, {-1, 2, 0, 1}, {1, -2, 0, -1}, {-1, -2, 0, -1}
            };
            for (int[] j : jumps) {
              int tr = r + j[0];
              int tf = f + j[1];
              if (onBoard(tr, tf) && g[r + j[2]][f + j[3]] == '.' && !friendly(g, tr, tf, red)) {
                out.add(new int[] {r, f, tr, tf});
              }
            }
          }
          case 'r', 'c' -> {
            boolean cannon = Character.toLowerCase(c) == 'c';
            int[][] dirs = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
            for (int[] d : dirs) {
              int tr = r + d[0];
              int tf = f + d[1];
              boolean screened = false;
              while (onBoard(tr, tf)) {
                char t = g[tr][tf];
                if (!screened) {
                  if (t == '.') {
                    out.add(new int[] {r, f, tr, tf});
                  } else if (cannon) {
                    screened = true;
                  } else {
                    if (isRed(t) != red) {
                      out.add(new int[] {r, f, tr, tf});
                    }
                    break;
                  }
                } else if (t != '.') {
                  if (isRed(t) != red) {
                    out.add(new int[] {r, f, tr, tf});
                  }
                  break;
                }
                tr += d[0];
                tf += d[1];
              }
            }
          }
          case 'p' -> {
            int forward = red ? 1 : -1;
            List<int[]> steps = new ArrayList<>();
            steps.add(new int[] {forward, 0});
            if (!onOwnSide(r, red)) {
              steps.add(new int[] {0, 1});
              steps.add(new int[] {0, -1});
            }
            for (int[] s : steps) {
              int tr = r + s[0];
              int tf = f + s[1];
              if (onBoard(tr, tf) && !friendly(g, tr, tf, red)) {
                out.add(new int[] {r, f, tr, tf});
              }
            }
          }
          default -> throw new IllegalStateException("unexpected piece " + c);
        }
      }
    }
    return out;
  }

  private static int[] findGeneral(char[][] g, boolean red) {
    char k = red ? 'K' : 'k';
    for (int r = 0; r < 10; r++) {
      for (int f = 0; f < 9; f++) {
        if (g[r][f] == k) {
          return new int[] {r, f};
        }
      }
    }
    throw new IllegalStateException("no general");
  }

  private static boolean generalAttacked(char[][] g, boolean red) {
    int[] k = findGeneral(g, red);
    for (int[] m : pseudoMoves(g, !red)) {
      if (m[2] == k[0] && m[3] == k[1]) {
        return true;
      }
    }
    return false;
  }

  private static boolean generalsFace(char[][] g) {
    int[] a = findGeneral(g, true);
    int[] b = findGeneral(g, false);
    if (a[1] != b[1]) {
      return false;
    }
    for (int r = a[0] + 1; r < b[0]; r++) {
      if (g[r][a[1]] != '.') {
        return false;
      }
    }
    return true;
  }
}
