package dev.jrdkafka.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault table ({@link FaultScenarios}) on librdkafka's mock cluster, one run per row
 * over {@value #DEFAULT_MESSAGES} messages (system property {@value #MESSAGES_PROPERTY} for
 * more, {@value #ONLY_PROPERTY} to pick rows). Each row's figures go to {@code target/faults-mock.md}, the source of the table in
 * RELIABILITY.md.
 */
class MockFaultSuiteTest {
    static final String MESSAGES_PROPERTY = "jrdkafka.faults.messages";
    static final int DEFAULT_MESSAGES = 100_000;

    /** System property: run only the rows whose name contains one of these texts, separated by {@code |} (e.g. "group:|plain:"). */
    static final String ONLY_PROPERTY = "jrdkafka.faults.only";

    static Stream<Scenario> scenarios() {
        List<String> only = List.of(System.getProperty(ONLY_PROPERTY, "").split("\\|"));
        return FaultScenarios.all().stream().filter(s -> only.stream().anyMatch(s.name()::contains));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @Timeout(180)
    void invariantsHold(Scenario scenario) throws Exception {
        int n = Integer.getInteger(MESSAGES_PROPERTY, DEFAULT_MESSAGES);
        Outcome outcome = switch (scenario.role()) {
            case IDEMPOTENT, PLAIN, TRANSACTIONAL -> ProducerRun.run(scenario, n);
            case GROUP, GROUP_CRASH, GROUP_REBALANCE -> GroupRun.run(scenario, n);
        };
        record(outcome);
    }

    private static synchronized void record(Outcome outcome) throws IOException {
        Path file = Path.of("target", "faults-mock.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, outcome.row() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
