package io.gamehall.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gamehall.support.Commands;
import io.gamehall.support.Ports;
import io.gamehall.support.Tls;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The managed WildFly's HTTPS listener as outsiders see it: testssl.sh through
 * server-config/tls-scan.sh (only TLS 1.2 and 1.3, only AEAD suites), and
 * keystore/check-endpoint.sh (names, expiry, upgrade).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TlsScanIT {
  private static final Logger LOG = Logger.getLogger(TlsScanIT.class.getName());

  @Deployment(testable = false)
  static WebArchive war() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("gamehall.war")));
  }

  @Test
  void testsslFindsOnlyTls12And13WithAeadSuites() throws Exception {
    Path json = Files.createDirectories(Path.of("target", "tls-scan")).resolve("wildfly.json");
    long start = System.nanoTime();
    String output =
        Commands.run(
            Commands.script(
                "server-config/tls-scan.sh", "localhost:" + Ports.https(), json.toString()),
            Map.of(),
            0,
            Duration.ofSeconds(150));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    LOG.info("testssl scan of the HTTPS listener took " + took.toSeconds() + " s\n" + output);
    assertTrue(output.contains("policy met"), output);

    // The script's verdict, checked again from testssl's own JSON.
    Map<String, String> findings = new LinkedHashMap<>();
    try (JsonReader reader = Json.createReader(Files.newBufferedReader(json))) {
      JsonArray entries = reader.readArray();
      for (JsonObject entry : entries.getValuesAs(JsonObject.class)) {
        findings.merge(
            entry.getString("id"), entry.getString("finding", ""), (a, b) -> a + "; " + b);
      }
    }
    for (String old : List.of("SSLv2", "SSLv3", "TLS1", "TLS1_1")) {
      assertEquals("not offered", findings.get(old), old + " in " + findings);
    }
    assertTrue(findings.getOrDefault("TLS1_2", "").startsWith("offered"), findings.toString());
    assertTrue(findings.getOrDefault("TLS1_3", "").startsWith("offered"), findings.toString());
    List<String> suites =
        findings.entrySet().stream()
            .filter(e -> e.getKey().startsWith("cipher-"))
            .map(Map.Entry::getValue)
            .toList();
    assertFalse(suites.isEmpty(), "testssl listed no suites: " + findings);
    assertTrue(suites.stream().anyMatch(s -> s.startsWith("TLS 1.3")), suites.toString());
    for (String suite : suites) {
      assertTrue(suite.matches(".*(GCM|CHACHA20|CCM).*"), "not an AEAD suite: " + suite);
    }
    assertTrue(took.compareTo(Duration.ofSeconds(120)) < 0, "the scan must stay short: " + took);
  }

  @Test
  void checkEndpointSeesTls13OurNamesAndASuccessfulUpgrade() throws Exception {
    Map<String, String> env =
        Map.of("CHECK_CA_FILE", Tls.truststore().resolveSibling("dev-ca.crt").toString());
    for (String host : List.of("localhost", "127.0.0.1")) {
      String report =
          Commands.run(
              Commands.script("keystore/check-endpoint.sh", host, String.valueOf(Ports.https())),
              env,
              0,
              Duration.ofSeconds(60));
      assertTrue(report.contains("protocol:  TLSv1.3"), report);
      assertTrue(
          report.contains("DNS:localhost") && report.contains("IP Address:127.0.0.1"), report);
      assertTrue(report.contains("verify:    0 (ok)"), report);
      assertTrue(report.contains("upgrade:   101"), report);
    }
  }
}
