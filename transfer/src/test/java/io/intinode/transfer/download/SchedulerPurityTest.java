package io.intinode.transfer.download;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The decisions of a download stay pure: no files, threads, clocks or sources in the scheduler and ban list. */
class SchedulerPurityTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.intinode.transfer.download");

    @Test
    void theSchedulerAndBanListDoNoIoAndReadNoClock() {
        noClasses().that().haveSimpleNameStartingWith("ChunkScheduler").or().haveSimpleName("BanList")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio..", "java.io..", "java.util.concurrent..",
                        "io.intinode.store.file..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.InstantSource")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().haveSimpleName("ChunkSource")
                .check(classes);
    }
}
