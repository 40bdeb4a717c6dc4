package dev.jrdkafka.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.examples.AdminTour;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The examples module's AdminTour, run on the real broker (it exits 1 itself if the lag it finds is wrong). */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class AdminTourIT {
    @Test
    void theAdminTourRunsOnARealBroker(KafkaBroker broker) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            AdminTour.main(new String[] {broker.bootstrapServers()});
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertTrue(printed.contains("retention.ms = 7200000"), printed);
        assertTrue(printed.contains("lag: {jrdkafka-example-admin-0=6"), printed);
        assertTrue(printed.contains("deleted jrdkafka-example-admin-group and jrdkafka-example-admin"), printed);
    }
}
