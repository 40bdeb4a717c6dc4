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

    @Test
    void groupConsumer() throws Exception {
        List<String> lines = run(GroupConsumer::main);
        String all = String.join("\n", lines);
        var done = java.util.regex.Pattern.compile(
                "done: 900 of 900 records processed \\(member-1: (\\d+), member-2: (\\d+)\\), 0 missing, \\d+ processed more than once")
                .matcher(lines.getLast());
        assertTrue(done.matches(), all);
        assertTrue(Integer.parseInt(done.group(2)) > 0, "member-2 processed records: " + all);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("gave up waiting")), all);
        // Alone, member-1 gets all 6 partitions; member-2 joining takes some of them (member-1
        // keeps the others); member-2 leaving hands them back, committed.
        int joins = lines.indexOf("member-2 joins the group");
        int leaves = lines.indexOf("member-2 leaves the group");
        assertTrue(lines.indexOf("member-1: assigned [0, 1, 2, 3, 4, 5]; owns [0, 1, 2, 3, 4, 5]") >= 0 && joins > 0 && leaves > joins, all);
        List<String> joining = lines.subList(joins, leaves);
        assertTrue(joining.stream().anyMatch(l -> l.matches("member-1: revoked \\[[0-9, ]+\\], .*; owns \\[[0-9, ]+\\]")), all);
        assertTrue(joining.stream().anyMatch(l -> l.matches("member-2: assigned \\[[0-9, ]+\\]; owns \\[[0-9, ]+\\]")), all);
        List<String> leaving = lines.subList(leaves, lines.size());
        assertTrue(leaving.stream().anyMatch(l -> l.matches("member-2: revoked \\[[0-9, ]+\\], processed offsets committed; owns \\[\\]")), all);
        assertTrue(leaving.stream().anyMatch(l -> l.matches("member-1: assigned \\[[0-9, ]+\\]; owns \\[0, 1, 2, 3, 4, 5\\]")), all);
    }

    @Test
    void batchConsumer() throws Exception {
        List<String> lines = run(BatchConsumer::main);
        String all = String.join("\n", lines);
        assertTrue(lines.getLast().matches("done: 1000 of 1000 records in \\d+ batches, total 50905\\.00 as produced"), all);
        int inBatches = lines.stream().filter(l -> l.matches("batch \\d+: \\d+ records, from jrdkafka-example-batches-\\d@\\d+, total [0-9.]+"))
                .mapToInt(l -> Integer.parseInt(l.split(" ")[2])).sum();
        assertEquals(1000, inBatches, all);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("RecordView.value() after its batch was closed: IllegalStateException: ")), all);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("reading a value segment after its batch was closed: IllegalStateException: ")), all);
        // The biggest of the amounts 100 + (n * 7919) % 10000 cents, read from a copy after its batch closed.
        assertTrue(lines.stream().anyMatch(l -> l.matches(
                "biggest order \\(copied with toRecord\\(\\)\\): order-889 at jrdkafka-example-batches-\\d@\\d+: 100\\.91 of pears")), all);
    }

    @Test
    void shareGroupWorkers() throws Exception {
        List<String> lines = run(ShareGroupWorkers::main);
        String all = String.join("\n", lines);
        assertTrue(lines.contains("done: 100 of 100 jobs, 100 exactly once, 10 after a RELEASE, 1 poison job rejected"), all);
        assertEquals(10, lines.stream().filter(l -> l.matches("worker-[12]: job-\\d*3 done on delivery 2")).count(), all);
        assertTrue(lines.stream().anyMatch(l -> l.matches("worker-[12]: poison-1 cannot be processed: REJECT")), all);
    }

    @Test
    void consumeTransformProduce() throws Exception {
        List<String> lines = run(ConsumeTransformProduce::main);
        String all = String.join("\n", lines);
        assertTrue(lines.getLast().matches(
                "done: 200 of 200 input records transformed in \\d+ committed transactions, 1 aborted; output exactly once: yes"), all);
        assertTrue(lines.contains("read_committed output: 200 of 200 input records, 0 missing, 0 more than once"), all);
        // The provoked failure: the transaction is aborted and its input read again.
        int failed = java.util.stream.IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).matches("transaction \\d+ failed: .*")).findFirst().orElse(-1);
        assertTrue(failed > 0 && lines.get(failed + 1).matches("  aborted; input rewound to \\{.+\\} to process it again"), all);
        assertTrue(lines.stream().anyMatch(l -> l.matches("transaction \\d+: \\d+ records transformed, committed with input offsets \\{.+\\}")),
                all);
    }
}
