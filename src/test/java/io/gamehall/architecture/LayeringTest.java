package io.gamehall.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package layering docs/architecture.md describes, checked on the compiled main classes: the
 * direction endpoint -> session -> lobby -> table -> game, pure game rules, and the store kept out
 * of the session.
 */
class LayeringTest {
  private static final JavaClasses HALL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.gamehall");

  @Test
  void dependenciesPointFromTheSocketTowardsTheRules() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("endpoint")
        .definedBy("io.gamehall.endpoint..")
        .layer("ops")
        .definedBy("io.gamehall.ops..")
        .layer("session")
        .definedBy("io.gamehall.session..")
        .layer("lobby")
        .definedBy("io.gamehall.lobby..")
        .layer("table")
        .definedBy("io.gamehall.table..")
        .layer("game")
        .definedBy("io.gamehall.game..")
        .layer("store")
        .definedBy("io.gamehall.store..")
        .whereLayer("endpoint")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("ops")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("session")
        .mayOnlyBeAccessedByLayers("endpoint", "ops")
        // store.snapshot wires the snapshot writer to the table registry at start-up; ops reads
        // table phases for /metrics.
        .whereLayer("lobby")
        .mayOnlyBeAccessedByLayers("endpoint", "ops", "session", "store")
        .whereLayer("table")
        .mayOnlyBeAccessedByLayers("ops", "session", "lobby", "store")
        .whereLayer("game")
        .mayOnlyBeAccessedByLayers("ops", "session", "lobby", "table", "store")
        .check(HALL);
  }

  @Test
  void gameRulesArePureJava() {
    classes()
        .that()
        .resideInAPackage("io.gamehall.game..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "io.gamehall.game..")
        .because("game rules run and are tested without a container (no jakarta.*, no hall)")
        .check(HALL);
  }

  @Test
  void theStoreIsNoLowerLayerOfTheProtocolOrTheTable() {
    noClasses()
        .that()
        .resideInAnyPackage("io.gamehall.table..", "io.gamehall.game..", "io.gamehall.protocol..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.gamehall.store..")
        .check(HALL);
  }

  @Test
  void theSessionDoesNotReachIntoTheStore() {
    noClasses()
        .that()
        .resideInAPackage("io.gamehall.session..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.gamehall.store..")
        .check(HALL);
  }

  @Test
  void theGameSpiKnowsNoGame() {
    noClasses()
        .that()
        .resideInAPackage("io.gamehall.game")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.gamehall.game.*..")
        .check(HALL);
  }

  @Test
  void accountOperationsKnowNoConnection() {
    noClasses()
        .that()
        .resideInAPackage("io.gamehall.account..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.gamehall.session..")
        .check(HALL);
  }
}
