package org.thunderproject.ec2;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The walls of core and ssh, checked on their compiled classes (docs/design.md, "Boundaries"):
 * internals stay in their module, the AWS SDK in core's {@code internal/ec2}, SSHJ in the ssh
 * module's {@code internal}, and core's rooms use only the rooms below them.
 */
class ArchitectureTest {
    private static final String INTERNAL = "org.thunderproject.ec2.internal";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Only this project's classes and jars (a directory or jar of a thunder-ec2-* module): scanning
            // the SDK's jars for our package would take seconds.
            .withImportOption(location -> location.contains("thunder-ec2"))
            .importPackages("org.thunderproject.ec2");

    @Test
    void coreInternalsAreUsedOnlyInCore() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.thunderproject.ec2.ssh..",
                        "org.thunderproject.ec2.localcloud..",
                        "org.thunderproject.ec2.cli..",
                        "org.thunderproject.ec2.examples..",
                        "org.thunderproject.ec2.tests..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(INTERNAL + "..")
                .check(CLASSES);
    }

    @Test
    void sshInternalsAreUsedOnlyInSsh() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.thunderproject.ec2.ssh..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.thunderproject.ec2.ssh.internal..")
                .check(CLASSES);
    }

    @Test
    void theAwsSdkStaysInTheEc2Room() {
        noClasses()
                .that()
                .resideInAnyPackage("org.thunderproject.ec2", INTERNAL + "..")
                .and()
                .resideOutsideOfPackage(INTERNAL + ".ec2..")
                // The API's one SDK-facing door: ThunderEc2.builder().client(...)/credentials(...)/region.
                .and(not(belongToAnyOf(ThunderEc2.class)))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("software.amazon.awssdk..")
                .check(CLASSES);
    }

    @Test
    void sshjStaysInTheSshModulesInternals() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.thunderproject.ec2.ssh.internal..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("net.schmizz..", "com.hierynomus..")
                .check(CLASSES);
    }

    @Test
    void coresRoomsHaveNoCycles() {
        slices().matching(INTERNAL + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void eachRoomUsesOnlyTheRoomsBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("engine")
                .definedBy(INTERNAL + ".engine..")
                .layer("notebook")
                .definedBy(INTERNAL + ".notebook..")
                .layer("services")
                .definedBy(INTERNAL + ".services..")
                .layer("nodes")
                .definedBy(INTERNAL + ".nodes..")
                .layer("ec2")
                .definedBy(INTERNAL + ".ec2..")
                .layer("shared")
                .definedBy(INTERNAL)
                .whereLayer("engine")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("notebook")
                .mayOnlyBeAccessedByLayers("engine")
                .whereLayer("services")
                .mayOnlyBeAccessedByLayers("notebook", "engine")
                .whereLayer("nodes")
                .mayOnlyBeAccessedByLayers("services", "notebook", "engine")
                .whereLayer("ec2")
                .mayOnlyBeAccessedByLayers("nodes", "services", "notebook", "engine")
                .check(CLASSES);
    }

    @Test
    void theSharedFloorUsesNoRoom() {
        noClasses()
                .that()
                .resideInAPackage(INTERNAL)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(INTERNAL + ".(*)..")
                .check(CLASSES);
    }
}
