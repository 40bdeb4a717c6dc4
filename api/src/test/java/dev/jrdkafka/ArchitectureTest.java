package dev.jrdkafka;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of jrdkafka's API module: only the native layer ({@code internal.rd} and its
 * sub-packages) calls the generated bindings or handles raw native memory; public
 * signatures carry {@code java.lang.foreign} types only in the documented zero-copy views;
 * packages form no cycles; dependencies point one way (api → bindings → native).
 */
class ArchitectureTest {
    private static final String NATIVE_LAYER = "dev.jrdkafka.internal.rd..";
    /** The deliberate zero-copy methods: producing native memory, reading records in place. */
    private static final Set<String> ZERO_COPY = Set.of(
            "dev.jrdkafka.producer.Producer.produce", "dev.jrdkafka.producer.Producer.produceBorrowed",
            "dev.jrdkafka.consumer.RecordBatch.key", "dev.jrdkafka.consumer.RecordBatch.value",
            "dev.jrdkafka.consumer.RecordView.key", "dev.jrdkafka.consumer.RecordView.value");
    private static final String[] PUBLIC_PACKAGES = {"dev.jrdkafka", "dev.jrdkafka.admin", "dev.jrdkafka.cluster",
            "dev.jrdkafka.config", "dev.jrdkafka.consumer", "dev.jrdkafka.consumer.share", "dev.jrdkafka.producer", "dev.jrdkafka.mock", "dev.jrdkafka.security"};

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jrdkafka");
    }

    @Test
    void onlyTheNativeLayerCallsTheBindings() {
        noClasses().that().resideOutsideOfPackages(NATIVE_LAYER, "dev.jrdkafka.bindings..")
                .should().dependOnClassesThat().resideInAPackage("dev.jrdkafka.bindings..")
                .because("dev.jrdkafka.internal.rd is the one place that calls librdkafka")
                .check(classes);
    }

    @Test
    void rawNativeMemoryStaysInTheNativeLayerExceptTheZeroCopyViews() {
        noClasses().that().resideOutsideOfPackages(NATIVE_LAYER, "dev.jrdkafka.bindings..", "dev.jrdkafka.nativelib..")
                .and().doNotHaveFullyQualifiedName("dev.jrdkafka.producer.Producer")
                .and().doNotHaveFullyQualifiedName("dev.jrdkafka.producer.ProducerCore")
                .and().doNotHaveFullyQualifiedName("dev.jrdkafka.consumer.RecordBatch")
                .and().doNotHaveFullyQualifiedName("dev.jrdkafka.consumer.RecordView")
                .should().dependOnClassesThat().resideInAPackage("java.lang.foreign..")
                .because("native pointers are owned by the native layer; only the documented zero-copy views expose segments")
                .check(classes);
    }

    @Test
    void publicSignaturesUseForeignTypesOnlyInTheZeroCopyViews() {
        methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideInAnyPackage(PUBLIC_PACKAGES)
                .should(new ArchCondition<JavaMethod>("use java.lang.foreign types only in the zero-copy methods") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        boolean foreign = Stream.concat(m.getRawParameterTypes().stream(), Stream.of(m.getRawReturnType()))
                                .map(JavaClass::getPackageName).anyMatch(p -> p.equals("java.lang.foreign"));
                        String name = m.getOwner().getFullName() + "." + m.getName();
                        if (foreign && !ZERO_COPY.contains(name)) {
                            events.add(SimpleConditionEvent.violated(m, m.getFullName() + " has a java.lang.foreign type in its signature"));
                        }
                    }
                })
                .check(classes);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("dev.jrdkafka.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("dev.jrdkafka.internal.rd.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("dev.jrdkafka.internal.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theInternalLayerDoesNotDependOnTheClientFacades() {
        noClasses().that().resideInAPackage("dev.jrdkafka.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jrdkafka.admin..", "dev.jrdkafka.consumer..",
                        "dev.jrdkafka.producer..", "dev.jrdkafka.mock..", "dev.jrdkafka.config..")
                .because("the facades compose the internal layer, never the reverse")
                .check(classes);
        noClasses().that().resideInAPackage("dev.jrdkafka.internal.rd")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jrdkafka.internal.rd.(*)..")
                .because("the native layer's base package is shared by its sub-packages, not built on them")
                .check(classes);
    }

    @Test
    void dependenciesPointOneWay() {
        noClasses().that().resideInAnyPackage("dev.jrdkafka.bindings..", "dev.jrdkafka.nativelib..")
                .should().dependOnClassesThat().resideInAnyPackage(PUBLIC_PACKAGES)
                .check(classes);
        noClasses().that().resideInAPackage("dev.jrdkafka.nativelib..")
                .should().dependOnClassesThat().resideInAPackage("dev.jrdkafka.bindings..")
                .check(classes);
    }
}
