package io.mlflow4j.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's package rules: no package cycles, the entry points on top, each store backend in
 * its own package, and nothing below the root package reaching the process-wide {@link Mlflow}
 * state (a lower layer is given its store).
 */
class ArchitectureTest {
    private static final String RUNTIME = "io.mlflow4j.runtime";
    private static JavaClasses runtime;

    @BeforeAll
    static void importRuntime() {
        runtime = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(RUNTIME);
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("io.mlflow4j.(**)").should().beFreeOfCycles().check(runtime);
    }

    @Test
    void lowerLayersNeverReachTheEntryPointsOrTheGlobalState() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        RUNTIME + ".error..",
                        RUNTIME + ".internal..",
                        RUNTIME + ".data..",
                        RUNTIME + ".schema..",
                        RUNTIME + ".generated..",
                        RUNTIME + ".model..",
                        RUNTIME + ".store..",
                        RUNTIME + ".uri..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(RUNTIME)
                .because("the root package holds Mlflow's process-wide state and the entry points; a lower layer"
                        + " is passed the store it works on")
                .check(runtime);
    }

    @Test
    void storeContractsKnowNoBackend() {
        noClasses()
                .that()
                .resideInAPackage(RUNTIME + ".store")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RUNTIME + ".store.*..")
                .check(runtime);
    }

    @Test
    void eachBackendStandsAlone() {
        slices().matching(RUNTIME + ".store.(*)..")
                .should()
                .notDependOnEachOther()
                .check(runtime);
    }

    @Test
    void theScoringProtocolAndTheBridgeAreOnlyCalledFromOutside() {
        noClasses()
                .that()
                .resideOutsideOfPackages(RUNTIME + ".scoring..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(RUNTIME + ".scoring..")
                .check(runtime);
        noClasses()
                .that()
                .resideOutsideOfPackages(RUNTIME + ".bridge..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(RUNTIME + ".bridge..")
                .check(runtime);
    }

    @Test
    void onlyGeneratedCodeCallsTheGeneratedPackage() {
        noClasses()
                .that()
                .resideOutsideOfPackages(RUNTIME + ".generated..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(RUNTIME + ".generated..")
                .because(
                        "the runtime sees a generated model through model.ModelAdapter; generated is for generated code")
                .check(runtime);
    }

    @Test
    void internalsDependOnNothingButErrors() {
        noClasses()
                .that()
                .resideInAPackage(RUNTIME + ".internal..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        RUNTIME,
                        RUNTIME + ".data..",
                        RUNTIME + ".schema..",
                        RUNTIME + ".model..",
                        RUNTIME + ".store..",
                        RUNTIME + ".uri..",
                        RUNTIME + ".scoring..",
                        RUNTIME + ".bridge..",
                        RUNTIME + ".generated..")
                .check(runtime);
    }
}
