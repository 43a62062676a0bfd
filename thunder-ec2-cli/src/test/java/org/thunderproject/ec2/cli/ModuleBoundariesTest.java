package org.thunderproject.ec2.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No module uses another module's {@code internal} packages, checked on this module's classes and
 * those of the thunder-ec2 modules it depends on (core's own walls: core's ArchitectureTest).
 */
class ModuleBoundariesTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains("thunder-ec2"))
            .importPackages("org.thunderproject.ec2");

    @Test
    void coreInternalsAreUsedOnlyInCore() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.thunderproject.ec2.ssh..",
                        "org.thunderproject.ec2.localcloud..",
                        "org.thunderproject.ec2.junit..",
                        "org.thunderproject.ec2.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.thunderproject.ec2.internal..")
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
    void localCloudInternalsAreUsedOnlyInTheLocalCloud() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.thunderproject.ec2.localcloud..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.thunderproject.ec2.localcloud.internal..")
                .check(CLASSES);
    }
}
