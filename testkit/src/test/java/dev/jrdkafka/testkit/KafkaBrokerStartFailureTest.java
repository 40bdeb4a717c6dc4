package dev.jrdkafka.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What needs no broker: the generated files, and failures that say what to do. (A real broker: integration-tests.) */
@Timeout(60)
class KafkaBrokerStartFailureTest {
    @TempDir
    Path tmp;

    @Test
    void serverPropertiesListenOnLoopbackOnlyAndOverridesWin() throws Exception {
        BrokerFiles files = BrokerFiles.write(tmp, 1, Map.of("num.partitions", "3"), null);
        String props = Files.readString(files.serverProperties());
        assertTrue(props.contains("listeners=PLAINTEXT://127.0.0.1:" + files.brokerPort() + ",CONTROLLER://127.0.0.1:"
                + files.controllerPort() + "\n"), props);
        assertTrue(props.contains("num.partitions=3\n"), props);
        assertFalse(props.contains("0.0.0.0"), props);
        assertTrue(Files.readString(files.log4jConfig()).contains("shutdownHook=\"disable\""));
        assertTrue(Files.isDirectory(files.dataDir()));
    }

    @Test
    void clusterIdsAreSixteenBytesOfUrlSafeBase64() {
        for (int i = 0; i < 200; i++) {
            String id = BrokerFiles.clusterId();
            assertEquals(22, id.length(), id);
            assertFalse(id.startsWith("-"), id);
            assertEquals(16, Base64.getUrlDecoder().decode(id).length);
        }
    }

    @Test
    void withoutJarsTheErrorNamesTheSystemProperty() {
        var e = assertThrows(IllegalStateException.class,
                () -> KafkaBroker.builder().kafkaLib(tmp.resolve("missing")).start());
        assertTrue(e.getMessage().contains(KafkaBroker.KAFKA_LIB_PROPERTY), e.getMessage());
    }

    @Test
    void aFailingFormatRunReportsItsExitCodeAndTheTailOfTheLog() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.write(lib.resolve("kafka_2.13-0.0.0.jar"), new byte[0]); // no classes: the java launcher fails
        Path log = tmp.resolve("broker.log");
        var e = assertThrows(IllegalStateException.class, () -> KafkaBroker.builder().kafkaLib(lib).logFile(log)
                .startTimeout(Duration.ofSeconds(30)).start());
        assertTrue(e.getMessage().contains("kafka.tools.StorageTool format"), e.getMessage());
        assertTrue(e.getMessage().contains("exit code"), e.getMessage());
        assertTrue(e.getMessage().contains("--- last lines of " + log), e.getMessage());
        assertTrue(e.getMessage().contains("kafka.tools.StorageTool"), "the launcher's own words: " + e.getMessage());
    }
}
