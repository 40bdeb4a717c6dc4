package dev.jrdkafka.kafkaclients;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter is a client of jrdkafka's public API only. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.jrdkafka.kafkaclients");

    @Test
    void usesOnlyJrdkafkasPublicPackages() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.jrdkafka.internal..", "dev.jrdkafka.bindings..",
                        "dev.jrdkafka.nativelib..")
                .because("the adapter must work with what jrdkafka exports; internals may change")
                .check(CLASSES);
    }

    @Test
    void usesNoNativeMemoryDirectly() {
        noClasses().that().doNotHaveSimpleName("RecordsBuilder")
                .should().dependOnClassesThat().resideInAPackage("java.lang.foreign..")
                .because("only the record conversion reads jrdkafka's zero-copy views")
                .check(CLASSES);
    }
}
