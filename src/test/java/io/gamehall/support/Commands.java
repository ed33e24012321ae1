package io.gamehall.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the kit's shell scripts and tools from tests, with a deadline and the output in every
 * failure message.
 */
public final class Commands {
  private Commands() {}

  /** The repository root (scripts live under it). */
  public static Path basedir() {
    return Path.of(System.getProperty("gamehall.basedir", "."));
  }

  /** {@code bash SCRIPT args...} for a script under the repository root. */
  public static List<String> script(String relativePath, String... args) {
    List<String> command =
        new ArrayList<>(List.of("bash", basedir().resolve(relativePath).toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** Runs {@code command}; it must exit 0 within 90 s. Returns stdout and stderr together. */
  public static String run(List<String> command) throws Exception {
    return run(command, Map.of(), 0, Duration.ofSeconds(90));
  }

  public static String run(
      List<String> command, Map<String, String> env, int expectedExit, Duration within)
      throws Exception {
    // Output to a file, so a chatty command never blocks on a full pipe while we wait.
    Path log = Files.createTempFile("gamehall-command", ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().close();
      boolean done = process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      assertTrue(done, command + " did not finish within " + within + ":\n" + text);
      assertEquals(expectedExit, process.exitValue(), command + ":\n" + text);
      return text;
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
