package dev.jrdkafka.it;

import dev.jrdkafka.OffsetAndMetadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.consumer.Consumer;
import dev.jrdkafka.consumer.ConsumerRecord;
import dev.jrdkafka.consumer.RecordBatch;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import dev.jrdkafka.testkit.KafkaBroker;
import dev.jrdkafka.testkit.KafkaBrokerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly-once consume-transform-produce on a real broker: a read_committed group consumer
 * reads the input, a transactional producer writes the transformed records and commits the
 * consumed offsets in the same transaction (sendOffsetsToTransaction with the consumer's
 * group metadata). One transaction is written to the log and then aborted, and redone.
 *
 * <p>What the mock cluster could not show (api's ConsumeTransformProduceTest): that the
 * aborted records are in the log yet invisible to read_committed (the broker's abort
 * markers), and that the group stores the transactional offset commits.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class ExactlyOnceIT {
    static final String IN = "eos-in";
    static final String OUT = "eos-out";
    static final String GROUP = "eos-group";
    static final int PARTITIONS = 2;
    static final int N = 1000;
    static final Duration T = Duration.ofSeconds(30);

    @Test
    void everyInputIsOutputOnceAndTheAbortedTransactionOnlyReadUncommittedSees(KafkaBroker broker) {
        broker.createTopic(IN, PARTITIONS);
        broker.createTopic(OUT, PARTITIONS);
        Clients.produce(broker, IN, PARTITIONS, N, i -> 0);
        List<TopicPartition> inputs = List.of(new TopicPartition(IN, 0), new TopicPartition(IN, 1));
        List<TopicPartition> outputs = List.of(new TopicPartition(OUT, 0), new TopicPartition(OUT, 1));
        Map<TopicPartition, Long> inputEnd = Map.of(inputs.get(0), (long) N / 2, inputs.get(1), (long) N / 2);

        Map<TopicPartition, Long> committed = new HashMap<>(); // positions committed with a transaction
        List<String> abortedValues = new ArrayList<>();
        Map<String, String> failures = new ConcurrentHashMap<>();
        int transactions = 0;
        try (Consumer consumer = Consumer.create(Clients.consumer(broker, GROUP, "read_committed"));
             Producer producer = Producer.create(Clients.config(broker).transactionalId("eos-txn"))) {
            consumer.subscribe(List.of(IN));
            Clients.pollUntil(consumer, T, "assignment", () -> consumer.assignment().equals(Set.copyOf(inputs)))
                    .forEach(r -> { throw new AssertionError("read before the loop: " + r); });
            producer.initTransactions(T);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!inputEnd.equals(committed)) {
                assertTrue(System.nanoTime() < deadline, "all input within 90 s: committed " + committed);
                List<ConsumerRecord> records;
                try (RecordBatch batch = consumer.pollBatch(100, Duration.ofMillis(200))) {
                    records = batch.toRecords();
                }
                if (records.isEmpty()) continue;
                boolean abortThisOne = transactions == 1 && abortedValues.isEmpty();
                AtomicInteger delivered = new AtomicInteger();
                producer.beginTransaction();
                Map<TopicPartition, Long> next = new LinkedHashMap<>();
                for (ConsumerRecord r : records) {
                    String in = Clients.text(r.value());
                    producer.send(new ProducerRecord(OUT, r.partition(), Clients.bytes(r.partition() + "@" + r.offset()),
                            Clients.bytes("t:" + in)), (md, e) -> {
                        if (e == null) delivered.incrementAndGet();
                        else failures.put(in, e.toString());
                    });
                    next.put(r.topicPartition(), r.offset() + 1);
                }
                Map<TopicPartition, OffsetAndMetadata> positions = new LinkedHashMap<>();
                next.forEach((tp, o) -> positions.put(tp, new OffsetAndMetadata(o)));
                producer.sendOffsetsToTransaction(positions, consumer.groupMetadata(), T);
                if (abortThisOne) {
                    // Into the log first, so that only the abort marker can hide these records.
                    producer.flush(T);
                    assertEquals(records.size(), delivered.get(), "the doomed transaction's records are written");
                    producer.abortTransaction(T);
                    records.forEach(r -> abortedValues.add("t:" + Clients.text(r.value())));
                    // Redo from the positions of the last committed transaction.
                    Map<TopicPartition, Long> rewind = new HashMap<>();
                    for (TopicPartition tp : next.keySet()) rewind.put(tp, committed.getOrDefault(tp, 0L));
                    consumer.seek(rewind, Duration.ofSeconds(10));
                    continue;
                }
                producer.commitTransaction(T);
                transactions++;
                committed.putAll(next);
            }
        }
        assertTrue(failures.isEmpty(), "deliveries failed: " + failures);
        assertTrue(transactions >= 2, transactions + " committed transactions");
        assertFalse(abortedValues.isEmpty(), "one transaction was aborted");

        // The group stored the offsets committed through the transactions.
        try (Consumer member = Consumer.create(Clients.consumer(broker, GROUP, "read_committed"))) {
            Map<TopicPartition, OffsetAndMetadata> expected = new LinkedHashMap<>();
            inputEnd.forEach((tp, o) -> expected.put(tp, new OffsetAndMetadata(o)));
            assertEquals(expected, member.committed(inputs, T), "the group's committed offsets are the input's end");
        }

        // read_committed: every input exactly once, transformed, in input order per partition.
        Map<String, Long> seen = counts(Clients.readAll(broker, outputs, "read_committed"));
        assertEquals(N, seen.size(), "distinct outputs");
        for (int i = 0; i < N; i++) assertEquals(1L, seen.getOrDefault("t:v" + i, 0L), "output of v" + i);

        // read_uncommitted: the aborted records are there too, each a second time.
        List<ConsumerRecord> all = Clients.readAll(broker, outputs, "read_uncommitted");
        assertEquals(N + abortedValues.size(), all.size(), "the aborted records are in the log");
        Map<String, Long> twice = counts(all).entrySet().stream().filter(e -> e.getValue() == 2)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Set.copyOf(abortedValues), twice.keySet(), "exactly the aborted transaction's outputs twice");

        // Input order kept per partition (the keys name the input record).
        for (TopicPartition out : outputs) {
            List<String> keys = Clients.readAll(broker, List.of(out), "read_committed").stream()
                    .map(r -> Clients.text(r.key())).toList();
            for (int i = 0; i < keys.size(); i++) assertEquals(out.partition() + "@" + i, keys.get(i), "order in " + out);
        }
    }

    private static Map<String, Long> counts(List<ConsumerRecord> records) {
        return records.stream().collect(Collectors.groupingBy(r -> Clients.text(r.value()), Collectors.counting()));
    }
}
