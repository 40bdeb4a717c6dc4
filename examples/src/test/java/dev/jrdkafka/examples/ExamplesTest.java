package dev.jrdkafka.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs each example's {@code main} in this JVM, without arguments (so on an embedded mock
 * cluster), and checks what it printed. An example that fails calls {@code System.exit(1)},
 * which ends the test JVM: surefire then reports the fork as crashed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExamplesTest {
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    /** Runs {@code main} with no arguments and returns the lines it printed to System.out (also passed through). */
    private static List<String> run(Main main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                captured.write(b);
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                original.write(b, off, len);
            }
        };
        System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
        try {
            main.run(new String[0]);
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.getFirst().startsWith("no bootstrap servers given: using an embedded mock cluster at 127.0.0.1:")
                || lines.getFirst().startsWith("librdkafka ") || lines.getFirst().startsWith("embedded mock cluster at 127.0.0.1:"),
                "first line: " + lines.getFirst());
        return lines;
    }

    @Test
    void mockClusterHello() throws Exception {
        List<String> lines = run(MockClusterHello::main);
        assertTrue(lines.getLast().matches("mock cluster: 127\\.0\\.0\\.1:\\d+(,127\\.0\\.0\\.1:\\d+){2}"), lines.getLast());
    }

    @Test
    void producerWithDeliveryReports() throws Exception {
        List<String> lines = run(ProducerWithDeliveryReports::main);
        assertEquals("done: 10 delivered, 0 failed", lines.getLast());
        assertEquals(5, lines.stream().filter(l -> l.startsWith("callback: key-")).count(), () -> String.join("\n", lines));
        assertEquals(5, lines.stream().filter(l -> l.matches("future: +future-key-\\d -> jrdkafka-example-deliveries-0@\\d+")).count(),
                () -> String.join("\n", lines));
    }

    @Test
    void idempotentProducer() throws Exception {
        List<String> lines = run(IdempotentProducer::main);
        assertEquals("done: 10 delivered, 0 failed", lines.getLast());
        assertTrue(lines.contains("records 0..9 -> jrdkafka-example-idempotent-0 at offsets [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"),
                () -> String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ClientListener.onError: fatal error:")), () -> String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("send after the fatal error throws OUT_OF_ORDER_SEQUENCE_NUMBER")
                        && l.endsWith("isFatal()=true")),
                () -> String.join("\n", lines));
    }

    @Test
    void transactionalProducer() throws Exception {
        List<String> lines = run(TransactionalProducer::main);
        assertEquals("done: 5 delivered in committed transactions", lines.getLast());
        assertTrue(lines.contains("transaction 1: committed 5 records and input offset 5"), () -> String.join("\n", lines));
        assertTrue(lines.contains("transaction 2: aborted; read_committed consumers skip its 5 written records"), () -> String.join("\n", lines));
    }

    @Test
    void mockClusterFaults() throws Exception {
        List<String> lines = run(MockClusterFaults::main);
        assertEquals("done: 900 delivered exactly once, 0 failed", lines.getLast());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("requests the brokers received: {") && l.contains("Produce=")),
                () -> String.join("\n", lines));
    }
}
