package io.gamehall.bench;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The load harness's smoke run, so it cannot rot: a couple of hundred real players over wss against
 * its own WildFly (the build's TLS-configured copy with the production WAR and the bench-only echo
 * WAR), a fifth of them dropped at once and resumed, then the echo, idle and handshake phases at
 * small sizes. It asserts that the harness worked (everyone matched, moves flowed both ways,
 * everyone came back, no error of any kind, report and charts written), never a latency or a rate:
 * those are benchmark figures, not test verdicts.
 */
class BenchSmokeIT {
  private static final int PLAYERS = 200;

  @Test
  void aSmallRunPlaysResumesEchoesIdlesAndShakesHandsWithoutAProblem() throws Exception {
    Properties p = new Properties();
    p.setProperty("bench.scenario", "smoke");
    p.setProperty("bench.players", String.valueOf(PLAYERS));
    p.setProperty("bench.basedir", System.getProperty("gamehall.basedir", "."));
    p.setProperty("bench.war", System.getProperty("gamehall.war", "target/gamehall.war"));
    p.setProperty(
        "bench.wildfly.home",
        System.getProperty("gamehall.wildfly.home", "target/wildfly-39.0.1.Final"));
    p.setProperty(
        "bench.truststore",
        System.getProperty("gamehall.truststore", "target/keystore/gamehall-truststore.p12"));
    p.setProperty("bench.out", "target/bench-smoke");
    p.setProperty("gamehall.port.offset", System.getProperty("gamehall.port.offset", "10000"));
    // Shared CI cores: no pinning here, and a small heap beside the Arquillian server.
    p.setProperty("bench.server.cpu", "none");
    p.setProperty("bench.server.heap", "512m");
    p.setProperty("bench.ramp.concurrency", "32");

    Report report = Bench.run(p);

    String where = " (see " + report.directory.resolve("report.md") + ")";
    assertAll(
        () -> assertEquals(PLAYERS, report.number("game.matched"), "every player matched" + where),
        () ->
            assertTrue(
                report.number("game.latency.count") > PLAYERS,
                "opponents received timed moves" + where),
        () ->
            assertTrue(
                report.number("game.opponent.moves") > PLAYERS,
                "moves flowed in the window" + where),
        () ->
            assertEquals(
                PLAYERS / 5,
                report.number("storm.resumed"),
                "every dropped player resumed" + where),
        () -> assertTrue(report.number("echo.latency.count") > 0, "echoes came back" + where),
        () ->
            assertEquals(
                100, report.number("idle.welcomed"), "every idle connection welcomed" + where),
        () ->
            assertEquals(
                100, report.number("handshake.upgrades"), "every handshake upgraded" + where),
        () ->
            assertEquals(
                0, report.number("problems"), "no error, refusal, drop or seq gap" + where),
        () ->
            assertTrue(
                Files.size(report.directory.resolve("latency.png")) > 0, "chart written" + where),
        () ->
            assertTrue(
                Files.size(report.directory.resolve("percentiles.png")) > 0,
                "chart written" + where));
  }
}
