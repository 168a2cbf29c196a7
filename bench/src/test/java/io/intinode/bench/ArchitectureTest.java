package io.intinode.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the arrows of docs/architecture.md: modules point down only, layer implementations do not know
 * each other, policy stays apart from storage. Lives in bench because bench sees every module.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // Sibling modules arrive as jars or target/classes folders: import both, tests excluded.
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.intinode");
    }

    @Test
    void modulesPointDownOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("store").definedBy("io.intinode.store..")
                .layer("p2p").definedBy("io.intinode.p2p..")
                .layer("dht").definedBy("io.intinode.dht..")
                .layer("transfer").definedBy("io.intinode.transfer..")
                .layer("node").definedBy("io.intinode.node..")
                .layer("fuse").definedBy("io.intinode.fuse..")
                .layer("bench").definedBy("io.intinode.bench..")
                .whereLayer("bench").mayNotBeAccessedByAnyLayer()
                .whereLayer("fuse").mayOnlyBeAccessedByLayers("bench")
                .whereLayer("node").mayOnlyBeAccessedByLayers("fuse", "bench")
                .whereLayer("transfer").mayOnlyBeAccessedByLayers("node", "fuse", "bench")
                .whereLayer("dht").mayOnlyBeAccessedByLayers("transfer", "node", "fuse", "bench")
                .whereLayer("p2p").mayOnlyBeAccessedByLayers("dht", "transfer", "node", "fuse", "bench")
                .check(classes);
    }

    @Test
    void securityMuxerAndNegotiationDoNotKnowEachOther() {
        String[] layers = {"noise", "yamux", "multistream", "transport"};
        for (String layer : layers) {
            for (String other : layers) {
                if (!layer.equals(other)) {
                    noClasses().that().resideInAPackage("io.intinode.p2p." + layer + "..")
                            .should().dependOnClassesThat().resideInAPackage("io.intinode.p2p." + other + "..")
                            .check(classes);
                }
            }
        }
    }

    @Test
    void evictionPolicyNeverTouchesFiles() {
        noClasses().that().resideInAPackage("io.intinode.store.evict..")
                .should().dependOnClassesThat().resideInAnyPackage("io.intinode.store.file..", "java.nio.file..")
                .check(classes);
    }

    @Test
    void stubFormatKnowsNothingOfFetching() {
        noClasses().that().resideInAPackage("io.intinode.transfer.stub..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.intinode.transfer.webseed..", "io.intinode.transfer.resolve..", "java.net.http..")
                .check(classes);
    }
}
