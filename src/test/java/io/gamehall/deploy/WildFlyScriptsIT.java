package io.gamehall.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The WildFly scripts applied offline (no ports) to a copy of the provisioned server's
 * configuration: restore undoes configure, and configure applied twice changes nothing the second
 * time (every step guarded or idempotent).
 */
class WildFlyScriptsIT {
  private static final String H2_FILE = "jdbc:h2:${jboss.server.data.dir}/gamehall/gamehall";
  private static final Path HOME =
      Path.of(System.getProperty("gamehall.wildfly.home", "target/wildfly-39.0.1.Final"));

  @Test
  void restoreUndoesConfigureAndConfigureIsRerunnable() throws Exception {
    Path base = Path.of("target", "wildfly-scripts-check").toAbsolutePath();
    Path configuration = Files.createDirectories(base.resolve("configuration"));
    try (Stream<Path> files = Files.list(HOME.resolve("standalone/configuration"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(
            file, configuration.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path xml = configuration.resolve("standalone.xml");
    String configured = Files.readString(xml);
    assertTrue(
        configured.contains("gamehall-hsts") && configured.contains("gamehallSSC"),
        "the build applied both");
    assertTrue(configured.contains(H2_FILE), "the build made the default database a file");

    assertTrue(configured.contains("urn:wildfly:microprofile-health-smallrye"), "and MP Health");
    apply(
        base,
        "restore-hardening.cli",
        "restore-tls.cli",
        "restore-database.cli",
        "restore-microprofile.cli");
    String restored = Files.readString(xml);
    for (String gone :
        List.of(
            "gamehall-hsts",
            "Strict-Transport-Security",
            "gamehallSSC",
            "gamehallKS",
            "read-timeout=\"120000\"",
            "proxy-address-forwarding=\"true\"",
            "request-parse-timeout=",
            "no-request-timeout=",
            "max-header-size=\"16384\"",
            "max-headers=\"64\"",
            "max-parameters=\"100\"",
            "microprofile-health-smallrye",
            H2_FILE)) {
      assertFalse(restored.contains(gone), gone + " left after restore");
    }
    assertTrue(
        restored.contains("ssl-context=\"applicationSSC\""),
        "the HTTPS listener is back on WildFly's own");

    assertTrue(
        restored.contains("jdbc:h2:mem:test"),
        "the default database is WildFly's in-memory one again");

    apply(
        base,
        "configure-tls.cli",
        "configure-hardening.cli",
        "configure-database.cli",
        "configure-microprofile.cli",
        "configure-tls.cli",
        "configure-hardening.cli",
        "configure-database.cli",
        "configure-microprofile.cli");
    String again = Files.readString(xml);
    for (String back :
        List.of(
            "gamehall-hsts",
            "gamehallSSC",
            "read-timeout=\"120000\"",
            "proxy-address-forwarding=\"true\"",
            H2_FILE,
            "request-parse-timeout=\"${gamehall.http.request.parse.timeout.millis:10000}\"",
            "no-request-timeout=\"${gamehall.http.no.request.timeout.millis:20000}\"",
            "max-header-size=\"16384\"",
            "max-headers=\"64\"",
            "max-parameters=\"100\"",
            "max-cookies=\"32\"",
            "max-post-size=\"65536\"")) {
      assertTrue(again.contains(back), back + " missing after configure");
    }
    assertEquals(
        1,
        countOf(again, "<response-header name=\"gamehall-hsts\""),
        "configure twice adds nothing twice");
    assertEquals(
        1,
        countOf(again, "<filter-ref name=\"gamehall-hsts\""),
        "configure twice adds nothing twice");
    assertEquals(
        1,
        countOf(again, "<server-ssl-context name=\"gamehallSSC\""),
        "configure twice adds nothing twice");
    assertEquals(
        1,
        countOf(again, "<subsystem xmlns=\"urn:wildfly:microprofile-health-smallrye"),
        "configure twice adds nothing twice");
    assertTrue(again.contains("microprofile-config-smallrye"), "MP Config is there");
  }

  @Test
  void restoreOpenSslReturnsToJsseAndConfigureOpenSslIsRerunnable() throws Exception {
    Path base = Path.of("target", "wildfly-openssl-scripts-check").toAbsolutePath();
    Path configuration = Files.createDirectories(base.resolve("configuration"));
    try (Stream<Path> files = Files.list(HOME.resolve("standalone/configuration"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(
            file, configuration.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path xml = configuration.resolve("standalone.xml");
    assertFalse(Files.readString(xml).contains("gamehallOpenSSC"), "JSSE is the build's default");

    apply(base, "configure-openssl.cli", "configure-openssl.cli");
    String configured = Files.readString(xml);
    assertTrue(configured.contains("providers=\"openssl\""), "the OpenSSL context is there");
    assertTrue(configured.contains("ssl-context=\"gamehallOpenSSC\""), "the listener uses OpenSSL");
    assertEquals(
        1,
        countOf(configured, "<server-ssl-context name=\"gamehallOpenSSC\""),
        "configure twice adds nothing twice");

    apply(base, "restore-openssl.cli");
    String restored = Files.readString(xml);
    for (String gone : List.of("gamehallOpenSSC", "gamehallRsaKS", "gamehallRsaKM")) {
      assertFalse(restored.contains(gone), gone + " left after restore");
    }
    assertTrue(restored.contains("ssl-context=\"gamehallSSC\""), "the listener is back on JSSE");
  }

  /** One embedded boot against the copy: jboss.server.base.dir points the embedded server at it. */
  private static void apply(Path base, String... scripts) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                Commands.basedir().resolve("server-config/wildfly/apply-offline.sh").toString(),
                HOME.toString()));
    for (String script : scripts) {
      command.add(Commands.basedir().resolve("server-config/wildfly/" + script).toString());
    }
    Commands.run(
        command,
        Map.of("JAVA_OPTS", "-Djboss.server.base.dir=" + base),
        0,
        Duration.ofSeconds(120));
  }

  private static int countOf(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
