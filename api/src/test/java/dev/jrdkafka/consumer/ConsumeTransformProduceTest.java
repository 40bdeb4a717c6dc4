package dev.jrdkafka.consumer;

import dev.jrdkafka.OffsetAndMetadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jrdkafka.ConsumerGroupMetadata;
import dev.jrdkafka.KafkaException;
import dev.jrdkafka.TopicPartition;
import dev.jrdkafka.config.KafkaConfig;
import dev.jrdkafka.mock.ApiKey;
import dev.jrdkafka.mock.MockCluster;
import dev.jrdkafka.producer.Producer;
import dev.jrdkafka.producer.ProducerRecord;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Consume-transform-produce in transactions: a group consumer reads the input, a
 * transactional producer writes the transformed records and commits the consumed offsets
 * with sendOffsetsToTransaction(offsets, consumer.groupMetadata()) in the same transaction.
 * One transaction is aborted and redone from the last committed positions.
 *
 * <p>What librdkafka's mock cluster can and cannot show: it runs the whole transactional
 * protocol (InitProducerId, AddPartitions/AddOffsetsToTxn, TxnOffsetCommit, EndTxn) but
 * keeps no transaction state — it writes no markers, so read_committed sees aborted records
 * that reached the log, and it does not store TxnOffsetCommit's offsets in the group. So the
 * aborted transaction's records are held back (linger.ms) until the abort purges them, the
 * exactly-once check of the output holds for that reason and not through read_committed
 * filtering, and the offsets are checked as sent (TxnOffsetCommit requests, and the offsets
 * of the last transaction equal to the input's end), not as the group stores them.
 */
@Timeout(180)
class ConsumeTransformProduceTest {
    static final String IN = "ctp-in";
    static final String OUT = "ctp-out";
    static final int PARTITIONS = 2;
    static final int N = 600;

    @Test
    void everyInputIsOutputExactlyOnceWithTheOffsetsInTheSameTransactions() throws Exception {
        try (MockCluster cluster = MockCluster.start(3)) {
            cluster.setGroupInitialRebalanceDelay(Duration.ZERO);
            cluster.createTopic(IN, PARTITIONS, 1);
            cluster.createTopic(OUT, PARTITIONS, 1);
            ConsumerTestSupport.produce(cluster, IN, PARTITIONS, N, 1_000);
            Set<TopicPartition> inputs = Set.of(new TopicPartition(IN, 0), new TopicPartition(IN, 1));
            Map<TopicPartition, Long> inputEnd = Map.of(new TopicPartition(IN, 0), (long) N / 2, new TopicPartition(IN, 1), (long) N / 2);
            cluster.startRequestTracking();

            Map<TopicPartition, Long> committed = new HashMap<>(); // positions committed with a transaction
            Map<TopicPartition, Long> lastSent = Map.of();
            Map<String, String> failures = new ConcurrentHashMap<>();
            AtomicInteger purged = new AtomicInteger();
            int transactions = 0;
            int aborted = 0;
            ConsumerGroupMetadata metadata;
            try (Consumer consumer = Consumer.create(ConsumerTestSupport.config(cluster, "ctp-group").enableAutoCommit(false));
                 Producer producer = Producer.create(KafkaConfig.create().bootstrapServers(cluster.bootstrapServers())
                         .transactionalId("ctp-txn").lingerMs(30_000).set("log_level", 4L))) {
                consumer.subscribe(List.of(IN));
                ConsumerTestSupport.pollUntil(consumer, 30, "assignment", () -> consumer.assignment().equals(inputs))
                        .forEach(r -> { throw new AssertionError("read before the loop: " + r); });
                producer.initTransactions(Duration.ofSeconds(30));
                metadata = consumer.groupMetadata();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!inputEnd.equals(committed)) {
                    assertTrue(System.nanoTime() < deadline, "all input within 120 s: committed " + committed);
                    try (RecordBatch batch = consumer.pollBatch(100, Duration.ofMillis(200))) {
                        if (batch.isEmpty()) continue;
                        boolean abortThisOne = transactions == 1 && aborted == 0;
                        producer.beginTransaction();
                        Map<TopicPartition, Long> next = new LinkedHashMap<>();
                        for (RecordView v : batch) {
                            String in = v.valueString();
                            producer.send(new ProducerRecord(OUT, v.partition(), (v.partition() + "@" + v.offset()).getBytes(StandardCharsets.UTF_8),
                                    ("t:" + in).getBytes(StandardCharsets.UTF_8)), (md, e) -> {
                                if (e == null) return;
                                if (abortThisOne) purged.incrementAndGet(); // purged by the abort
                                else failures.put(in, e.toString());
                            });
                            next.put(new TopicPartition(v.topic(), v.partition()), v.offset() + 1);
                        }
                        Map<TopicPartition, OffsetAndMetadata> positions = new LinkedHashMap<>();
                        next.forEach((tp, o) -> positions.put(tp, new OffsetAndMetadata(o)));
                        producer.sendOffsetsToTransaction(positions, consumer.groupMetadata(), Duration.ofSeconds(30));
                        if (abortThisOne) {
                            producer.abortTransaction(Duration.ofSeconds(30));
                            aborted++;
                            // Redo: read again from the positions of the last committed transaction.
                            Map<TopicPartition, Long> rewind = new HashMap<>();
                            for (TopicPartition tp : next.keySet()) rewind.put(tp, committed.getOrDefault(tp, 0L));
                            consumer.seek(rewind, Duration.ofSeconds(10));
                            continue;
                        }
                        producer.commitTransaction(Duration.ofSeconds(30));
                        transactions++;
                        committed.putAll(next);
                        lastSent = Map.copyOf(next);
                    }
                }
            }
            assertTrue(failures.isEmpty(), "deliveries failed in committed transactions: " + failures);
            assertEquals(1, aborted);
            assertTrue(purged.get() > 0, "the aborted transaction's records were purged, not written");
            assertTrue(metadata.generationId() >= 1 && !metadata.memberId().isEmpty(), "real group identity: " + metadata);

            // Offsets went with the transactions: one TxnOffsetCommit per transaction (the aborted one too),
            // and the last committed transaction carried the input's end for the partitions it read.
            long txnOffsetCommits = cluster.requests().stream().filter(r -> r.is(ApiKey.TXN_OFFSET_COMMIT)).count();
            assertTrue(txnOffsetCommits >= transactions + aborted, txnOffsetCommits + " TxnOffsetCommit requests for "
                    + (transactions + aborted) + " transactions");
            assertEquals(inputEnd, committed, "offsets committed with the transactions end at the input's end");
            for (var e : lastSent.entrySet()) assertEquals(inputEnd.get(e.getKey()), e.getValue());

            // The output, read_committed: every input exactly once, transformed, in input order per partition.
            Map<String, Integer> outputs = new HashMap<>();
            List<String> order = new ArrayList<>();
            try (Consumer verifier = Consumer.create(ConsumerTestSupport.config(cluster, null).set("isolation.level", "read_committed"))) {
                verifier.assign(List.of(new TopicPartition(OUT, 0), new TopicPartition(OUT, 1)));
                for (ConsumerRecord r : ConsumerTestSupport.consume(verifier, N, 30)) {
                    String value = new String(r.value(), StandardCharsets.UTF_8);
                    outputs.merge(value, 1, Integer::sum);
                    if (r.partition() == 0) order.add(new String(r.key(), StandardCharsets.UTF_8));
                }
                assertEquals(null, verifier.poll(Duration.ofMillis(500)), "nothing beyond the N outputs");
            }
            assertEquals(N, outputs.size(), "distinct outputs");
            for (int i = 0; i < N; i++) assertEquals(1, outputs.getOrDefault("t:v" + i, 0), "output of v" + i);
            for (int i = 0; i < order.size(); i++) assertEquals("0@" + i, order.get(i), "input order kept");
            assertFalse(order.isEmpty());
        }
    }
}
