package io.intinode.dht;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dht packages point down only, and generated protobuf types stay inside the codec package. */
class LayeringTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.intinode.dht");

    @Test
    void protobufTypesStayInTheCodec() {
        noClasses().that().resideOutsideOfPackages("io.intinode.dht.protocol", "io.intinode.dht.protocol.pb")
                .should().dependOnClassesThat().resideInAPackage("io.intinode.dht.protocol.pb")
                .check(classes);
    }

    /** java.net stays allowed: the subnet policy classifies raw address bytes with InetAddress, no lookups. */
    @Test
    void pureLogicDoesNoNetworking() {
        noClasses().that().resideInAnyPackage("io.intinode.dht.core", "io.intinode.dht.routing",
                        "io.intinode.dht.query", "io.intinode.dht.providers", "io.intinode.dht.protocol")
                .should().dependOnClassesThat().resideInAnyPackage("io.intinode.p2p.host..", "io.intinode.p2p.core..",
                        "io.intinode.dht.service..", "io.intinode.dht.mdns..", "java.nio.channels..")
                .check(classes);
    }

    @Test
    void routingAndQueryKnowNothingOfTheWire() {
        noClasses().that().resideInAnyPackage("io.intinode.dht.routing", "io.intinode.dht.query",
                        "io.intinode.dht.providers")
                .should().dependOnClassesThat().resideInAnyPackage("io.intinode.dht.protocol..")
                .check(classes);
    }
}
