package io.gamehall.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The session layer reaches accounts and stored records only through this package (issue 16): no
 * source file of {@code io.gamehall.session} imports {@code io.gamehall.store}, and this package
 * never imports {@code session}.
 */
class LayeringTest {
  private static List<String> offenders(String pkg, String forbidden) throws IOException {
    Path dir = Path.of("src/main/java/io/gamehall/" + pkg);
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(
              f -> {
                try {
                  return Files.readString(f).contains("import io.gamehall." + forbidden + ".")
                      || Files.readString(f).contains("io.gamehall." + forbidden + ".");
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              })
          .map(Path::toString)
          .sorted()
          .toList();
    }
  }

  @Test
  void sessionNeverReachesTheStoreAndAccountNeverReachesTheSession() throws IOException {
    assertEquals(List.of(), offenders("session", "store"), "session must go through account");
    assertEquals(List.of(), offenders("account", "session"), "account must not know sessions");
  }
}
