package io.gamehall.bench.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the benchmark-only WAR holding {@link EchoEndpoint} (context {@code /gamehall-echo}), from
 * the compiled class on the harness's class path. Built at run time by the harness so the
 * production build never produces it.
 */
public final class EchoWar {
  public static final String NAME = "gamehall-echo.war";

  private EchoWar() {}

  public static Path write(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path war = directory.resolve(NAME);
    String entry = EchoEndpoint.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(war);
        ZipOutputStream zip = new ZipOutputStream(file);
        InputStream clazz = EchoWar.class.getClassLoader().getResourceAsStream(entry)) {
      if (clazz == null) {
        throw new IOException(entry + " is not on the class path");
      }
      zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + entry));
      clazz.transferTo(zip);
      zip.closeEntry();
    }
    return war;
  }
}
